// jwtparity driver for the C# snippet (protocol: harness/README.md).
//
// The image holds the edition's adapter compiled with the snippet of each algorithm into an assembly of
// its own (bin/snippet-<ALG>.dll; the snippets all declare the same class): a case is signed by the
// Adapter of its `alg`, loaded by reflection, so the driver itself is compiled without any snippet.
//
// A snippet may read WebConfigurationManager.AppSettings["<secret_key>"] once, in a static constructor.
// So each distinct secret gets a fresh AppDomain whose configuration file holds that secret in
// appSettings (when the edition has a secret key): the static constructor runs again there and reads
// it. The snippet is called inside that domain through a Signer and the edition's Adapter (compiled
// from editions/<edition>/); only strings cross the domain boundary.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

public sealed class Signer : MarshalByRefObject
{
    // Returns { token, null } or { null, error }.
    public string[] Sign(string caseLine)
    {
        try
        {
            var testCase = Driver.Parse(caseLine);
            var payload = (IDictionary<string, object>)Native(testCase["payload"]);
            var sign = Adapter((string)testCase["alg"]);
            try
            {
                return new[] { (string)sign.Invoke(null, new object[] { payload, (string)testCase["secret"] }), null };
            }
            catch (TargetInvocationException e)
            {
                return new[] { null, Driver.Describe(e.InnerException) };  // what the snippet itself threw
            }
        }
        catch (Exception e)
        {
            return new[] { null, Driver.Describe(e) };
        }
    }

    // A verifying edition's request (body, authorization) or a plain call of the library (plain): the
    // whole result line, {"id", "accepted": true, "claims"} or {"id", "accepted": false, "reason"}.
    public string Answer(string caseLine)
    {
        var testCase = Driver.Parse(caseLine);
        var result = new JObject { ["id"] = testCase["id"] };
        try
        {
            var path = Path.Combine(AppDomain.CurrentDomain.BaseDirectory, "snippet-" + (string)testCase["alg"] + ".dll");
            var adapter = Assembly.LoadFrom(path).GetType("Adapter", true);
            var secret = (string)testCase["secret"];
            object claims;
            try
            {
                claims = testCase["body"] != null
                    ? adapter.GetMethod("Verify").Invoke(null, new object[] {
                          (IDictionary<string, object>)Native(testCase["body"]), (string)testCase["authorization"], secret })
                    : adapter.GetMethod("Plain").Invoke(null, new object[] {
                          (string)testCase["plain"], secret, (string)testCase["alg"] });
            }
            catch (TargetInvocationException e)
            {
                throw e.InnerException;  // the library's (or the sample's) refusal
            }
            result["accepted"] = true;
            result["claims"] = claims == null ? JValue.CreateNull() : JToken.FromObject(claims);
        }
        catch (Exception e)
        {
            result["accepted"] = false;
            result["reason"] = Driver.Describe(e);
        }
        return result.ToString(Formatting.None);
    }

    // Adapter.Sign of the algorithm's assembly, loaded once per domain (static fields are per domain).
    static readonly Dictionary<string, MethodInfo> Adapters = new Dictionary<string, MethodInfo>();

    static MethodInfo Adapter(string alg)
    {
        MethodInfo sign;
        if (!Adapters.TryGetValue(alg, out sign))
        {
            var path = Path.Combine(AppDomain.CurrentDomain.BaseDirectory, "snippet-" + alg + ".dll");
            sign = Assembly.LoadFrom(path).GetType("Adapter", true).GetMethod("Sign");
            Adapters[alg] = sign;
        }
        return sign;
    }

    // JSON as the application would hand it over: objects as dictionaries in key order, integers as
    // long (BigInteger beyond), floats as double, strings, bools and null as themselves.
    static object Native(JToken token)
    {
        switch (token.Type)
        {
            case JTokenType.Object:
                var map = new Dictionary<string, object>();  // enumerates in insertion order
                foreach (var property in (JObject)token)
                    map[property.Key] = Native(property.Value);
                return map;
            case JTokenType.Array:
                return token.Select(Native).ToList();
            default:
                return ((JValue)token).Value;
        }
    }
}

public static class Driver
{
    // No date guessing (a date-like string stays a string), floats as double, big integers as BigInteger.
    public static JToken Parse(string json)
    {
        var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
        };
        return JToken.ReadFrom(reader);
    }

    // jwtparity writes each case with its id first, so a line that does not parse still names its case.
    static readonly Regex LeadingIdPattern = new Regex("^\\{\"id\": (\"(?:[^\"\\\\]|\\\\.)*\")");

    public static JToken LeadingId(string line)
    {
        var match = LeadingIdPattern.Match(line);
        if (!match.Success)
            return null;
        try
        {
            return Parse(match.Groups[1].Value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Describe(Exception e)
    {
        var text = e.GetType().Name + ": " + e.Message;
        return e.InnerException == null ? text : text + " (" + Describe(e.InnerException) + ")";
    }

    static AppDomain NewDomain(string secretKey, string secret, int number)
    {
        var settings = new XElement("appSettings");
        if (secret != null && secretKey != null)
            settings.Add(new XElement("add", new XAttribute("key", secretKey), new XAttribute("value", secret)));
        var config = "/tmp/jwtparity-" + number + ".config";
        new XDocument(new XElement("configuration", settings)).Save(config);
        var setup = new AppDomainSetup
        {
            ApplicationBase = AppDomain.CurrentDomain.BaseDirectory,
            ConfigurationFile = config,
        };
        return AppDomain.CreateDomain("secret-" + number, null, setup);
    }

    static int Main()
    {
        var here = AppDomain.CurrentDomain.BaseDirectory;
        var context = Parse(File.ReadAllText(Path.Combine(here, "..", "context.json")));
        var secretKey = (string)context["secret_key"];
        var algorithms = context["algorithms"].Select(alg => (string)alg).ToList();
        var utf8 = new UTF8Encoding(false);
        var stdin = new StreamReader(Console.OpenStandardInput(), utf8);
        var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8) { NewLine = "\n" };

        AppDomain domain = null;
        Signer signer = null;
        string domainSecret = null;
        var domains = 0;
        string line;
        while ((line = stdin.ReadLine()) != null)
        {
            if (line.Trim().Length == 0)
                continue;
            var result = new JObject { ["id"] = LeadingId(line) };
            try
            {
                var testCase = Parse(line);
                result["id"] = testCase["id"];
                var alg = testCase["alg"] as JValue;
                if (alg == null || alg.Type != JTokenType.String || !algorithms.Contains((string)alg))
                    throw new ArgumentException("no snippet for algorithm " + (alg == null ? "(none)" : alg.ToString(Formatting.None)));
                var secret = (string)testCase["secret"];
                if (signer == null || secret != domainSecret)
                {
                    if (domain != null)
                        AppDomain.Unload(domain);
                    domain = null;  // stays null if the next one cannot be made (say, a secret XML cannot hold)
                    signer = null;
                    domain = NewDomain(secretKey, secret, domains++);
                    signer = (Signer)domain.CreateInstanceAndUnwrap(typeof(Signer).Assembly.FullName,
                                                                   typeof(Signer).FullName);
                    domainSecret = secret;
                }
                if (testCase["body"] != null || testCase["plain"] != null)
                {
                    result = (JObject)Parse(signer.Answer(line));
                    stdout.WriteLine(result.ToString(Formatting.None));
                    stdout.Flush();
                    continue;
                }
                var signed = signer.Sign(line);
                if (signed[1] == null)
                    result["token"] = signed[0];
                else
                    result["error"] = signed[1];
            }
            catch (Exception e)
            {
                result["error"] = Describe(e);
            }
            stdout.WriteLine(result.ToString(Formatting.None));
            stdout.Flush();
        }
        return 0;
    }
}
