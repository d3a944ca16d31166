// Maven: io.fusionauth:fusionauth-jwt
import io.fusionauth.jwt.JWTUtils;
import io.fusionauth.jwt.Verifier;
import io.fusionauth.jwt.domain.Algorithm;
import io.fusionauth.jwt.domain.JWT;
import io.fusionauth.jwt.hmac.HMACVerifier;
import java.util.Map;

public class JwtSamples {
public static Map<String, Object> verifyCallback(
        Map<String, Object> body,
        String authorizationHeader,
        String secret) {
    Verifier verifier = HMACVerifier.newVerifier(secret);
    if (body.get("token") != null) {
        String token = (String) body.get("token");
        if (JWTUtils.decodeHeader(token).algorithm != Algorithm.HS256) {
            throw new IllegalArgumentException("the token is not HS256");
        }
        JWT jwt = JWT.getDecoder().withClockSkew(60)
                .decode(token, verifier);
        return jwt.getOtherClaims();
    }
    if (authorizationHeader != null && authorizationHeader.startsWith("Bearer ")) {
        String token = authorizationHeader.substring(7);
        if (JWTUtils.decodeHeader(token).algorithm != Algorithm.HS256) {
            throw new IllegalArgumentException("the token is not HS256");
        }
        JWT jwt = JWT.getDecoder().withClockSkew(60)
                .decode(token, verifier);
        if (!(jwt.getObject("payload") instanceof Map)) {
            throw new IllegalArgumentException("the Authorization token has no payload");
        }
        return jwt.getMap("payload");
    }
    throw new IllegalArgumentException("the request carries no token");
}
}
