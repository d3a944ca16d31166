// NuGet: Install-Package JWT
using System.Collections.Generic;
using JWT;
using JWT.Algorithms;
using JWT.Serializers;

public static class JwtSamples
{
public static string JwtEncode(
    IDictionary<string, object> payload,
    string secret)
{
    var encoder = new JwtEncoder(
        new HMACSHA256Algorithm(),
        new JsonNetSerializer(),
        new JwtBase64UrlEncoder());
    return encoder.Encode(payload, secret);
}
}
