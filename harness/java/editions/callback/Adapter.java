import io.fusionauth.jwt.domain.JWT;
import io.fusionauth.jwt.hmac.HMACVerifier;
import java.util.Map;

/** How the driver calls the callback sample: JwtSamples.verifyCallback(body, authorizationHeader, secret),
 * nothing around it; plain is the integration example's call (java/src/main/java/helpers/TrackManager.java,
 * on fusionauth-jwt where the example has its predecessor prime-jwt), without clock skew. */
public final class Adapter
{
    private Adapter()
    {
    }

    public static String sign(Map<String, Object> payload, String secret, Map<String, Object> context)
    {
        throw new UnsupportedOperationException("the callback edition's sample verifies requests; it signs nothing");
    }

    public static Map<String, Object> verify(Map<String, Object> body, String authorization, String secret,
                                             Map<String, Object> context)
    {
        return JwtSamples.verifyCallback(body, authorization, secret);
    }

    public static Map<String, Object> plain(String token, String secret, String alg)
    {
        return JWT.getDecoder().decode(token, HMACVerifier.newVerifier(secret)).getOtherClaims();
    }
}
