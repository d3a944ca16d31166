import java.util.Map;

/** How the driver calls the jwtencode sample: JwtSamples.jwtEncode(payload, secret), nothing around it. */
public final class Adapter
{
    private Adapter()
    {
    }

    public static String sign(Map<String, Object> payload, String secret, Map<String, Object> context)
    {
        return JwtSamples.jwtEncode(payload, secret);
    }
}
