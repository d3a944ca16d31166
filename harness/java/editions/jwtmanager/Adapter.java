import java.util.Map;

/**
 * How the driver calls the jwtmanager sample: JwtManager.CreateToken(payload) reads
 * ConfigManager.GetProperty("<secret_key>") on every call, so the secret property is set to the case's
 * secret before each call. The sample swallows every exception into "": such a case is reported as the
 * token "", as it is.
 */
public final class Adapter
{
    private Adapter()
    {
    }

    public static String sign(Map<String, Object> payload, String secret, Map<String, Object> context)
    {
        ConfigManager.SetProperty((String) context.get("secret_key"), secret);
        return JwtManager.CreateToken(payload);
    }
}
