// How the driver calls the jwtmanager sample: JwtManager.Encode(payload); its static constructor read
// WebConfigurationManager.AppSettings["<secret_key>"] from the configuration file of the AppDomain the
// driver made for this secret.
using System.Collections.Generic;

public static class Adapter
{
    public static string Sign(IDictionary<string, object> payload, string secret)
    {
        return JwtManager.Encode(payload);
    }
}
