// DRAFT (issue 18), not wired: how a driver would call the callback sample:
// JwtSamples.VerifyCallback(body, authorizationHeader, secret), nothing around it.
using System.Collections.Generic;

public static class Adapter
{
    public static IDictionary<string, object> Verify(IDictionary<string, object> body, string authorization, string secret)
    {
        return JwtSamples.VerifyCallback(body, authorization, secret);
    }
}
