import java.util.Map;

/** DRAFT (issue 18), not wired: how a driver would call the callback sample:
 * JwtSamples.verifyCallback(body, authorizationHeader, secret), nothing around it. */
public final class Adapter
{
    private Adapter()
    {
    }

    public static Map<String, Object> verify(Map<String, Object> body, String authorization, String secret,
                                             Map<String, Object> context)
    {
        return JwtSamples.verifyCallback(body, authorization, secret);
    }
}
