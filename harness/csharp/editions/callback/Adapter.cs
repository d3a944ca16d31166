// How the driver calls the callback sample: JwtSamples.VerifyCallback(body, authorizationHeader, secret),
// nothing around it; Plain is the integration example's call (csharp/JwtManager.cs Decode), without a
// time margin.
using System;
using System.Collections.Generic;
using JWT.Algorithms;
using JWT.Builder;
using Newtonsoft.Json;

public static class Adapter
{
    public static string Sign(IDictionary<string, object> payload, string secret)
    {
        throw new InvalidOperationException("the callback edition's sample verifies requests; it signs nothing");
    }

    public static IDictionary<string, object> Verify(IDictionary<string, object> body, string authorization, string secret)
    {
        return JwtSamples.VerifyCallback(body, authorization, secret);
    }

    public static IDictionary<string, object> Plain(string token, string secret, string alg)
    {
        string json = JwtBuilder.Create()
            .WithAlgorithm(new HMACSHA256Algorithm())
            .WithSecret(secret)
            .MustVerifySignature()
            .Decode(token);
        return JsonConvert.DeserializeObject<Dictionary<string, object>>(json);
    }
}
