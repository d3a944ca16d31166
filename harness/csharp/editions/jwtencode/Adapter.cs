// How the driver calls the jwtencode sample: JwtSamples.JwtEncode(payload, secret), nothing around it.
using System.Collections.Generic;

public static class Adapter
{
    public static string Sign(IDictionary<string, object> payload, string secret)
    {
        return JwtSamples.JwtEncode(payload, secret);
    }
}
