// NuGet: Install-Package JWT
using System;
using System.Collections.Generic;
using JWT.Algorithms;
using JWT.Builder;
using JWT.Serializers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

public static class JwtSamples
{
public static IDictionary<string, object> VerifyCallback(
    IDictionary<string, object> body,
    string authorizationHeader,
    string secret)
{
    var builder = JwtBuilder.Create()
        .WithAlgorithm(new HMACSHA256Algorithm())
        // Strings stay strings: by default Json.NET turns ISO dates (the callback's lastsave) into DateTime.
        .WithJsonSerializer(new JsonNetSerializer(new JsonSerializer { DateParseHandling = DateParseHandling.None }))
        .WithSecret(secret)
        .MustVerifySignature()
        .WithValidationParameters(p => p.TimeMargin = 60);
    object token;
    if (body.TryGetValue("token", out token) && token != null)
    {
        return builder.Decode<Dictionary<string, object>>(token.ToString());
    }
    if (authorizationHeader != null && authorizationHeader.StartsWith("Bearer ", StringComparison.Ordinal))
    {
        var claims = builder.Decode<Dictionary<string, object>>(
            authorizationHeader.Substring(7));
        object payload;
        if (!claims.TryGetValue("payload", out payload) || !(payload is JObject))
        {
            throw new ArgumentException("the Authorization token has no payload");
        }
        return ((JObject)payload).ToObject<Dictionary<string, object>>();
    }
    throw new ArgumentException("the request carries no token");
}
}
