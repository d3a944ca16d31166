// jwtparity verifier for C#: JWT.NET's documented JwtDecoder with signature validation
// (protocol: harness/README.md).
//
// The signature is verified with the one expected algorithm (a DelegateAlgorithmFactory of it) and the
// header's alg is checked against it; exp and iat are read, not enforced (ValidateExpirationTime and
// ValidateIssuedTime off): consumers judge time claims.

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using JWT;
using JWT.Algorithms;
using JWT.Serializers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

public static class Verify
{
    static IJwtAlgorithm Algorithm(string alg)
    {
        switch (alg)
        {
            case "HS256": return new HMACSHA256Algorithm();
            case "HS384": return new HMACSHA384Algorithm();
            case "HS512": return new HMACSHA512Algorithm();
            default: throw new ArgumentException("unsupported algorithm " + alg);
        }
    }

    // No date guessing (a date-like string stays a string), floats as double, big integers as BigInteger.
    static JToken Parse(string json)
    {
        var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
        };
        return JToken.ReadFrom(reader);
    }

    // A reason is one line: the exception's type and message, whitespace runs (newlines too) as one space.
    static string OneLine(string text)
    {
        return string.Join(" ", text.Split((char[])null, StringSplitOptions.RemoveEmptyEntries));
    }

    static JToken Decode(string token, string secret, string alg)
    {
        IJsonSerializer serializer = new JsonNetSerializer();
        var parameters = ValidationParameters.Default;
        parameters.ValidateSignature = true;
        parameters.ValidateExpirationTime = false;
        parameters.ValidateIssuedTime = false;
        IJwtValidator validator = new JwtValidator(serializer, new UtcDateTimeProvider(), parameters);
        IJwtDecoder decoder = new JwtDecoder(serializer, validator, new JwtBase64UrlEncoder(),
                                             new DelegateAlgorithmFactory(Algorithm(alg)));
        var headerAlg = (string)Parse(decoder.DecodeHeader(token))["alg"];
        if (headerAlg != alg)
            throw new ArgumentException("header alg " + headerAlg + " is not the expected " + alg);
        return Parse(decoder.Decode(new JwtParts(token), Encoding.UTF8.GetBytes(secret), true));
    }

    public static void Main()
    {
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
        var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        for (string line; (line = stdin.ReadLine()) != null; )
        {
            if (line.Trim().Length == 0)
                continue;
            var result = new JObject { ["id"] = null };
            try
            {
                var request = Parse(line);
                result["id"] = request["id"];
                result["claims"] = Decode((string)request["token"], (string)request["secret"], (string)request["alg"]);
                result["accepted"] = true;
            }
            catch (Exception e)
            {
                result.Remove("claims");
                result["accepted"] = false;
                result["reason"] = OneLine(e.GetType().Name + ": " + e.Message);
            }
            stdout.WriteLine(result.ToString(Formatting.None));
            stdout.Flush();
        }
    }
}
