// Maven: io.fusionauth:fusionauth-jwt
import io.fusionauth.jwt.Signer;
import io.fusionauth.jwt.hmac.HMACSigner;
import io.fusionauth.jwt.domain.JWT;
import java.util.Map;

public class JwtSamples {
public static String jwtEncode(
        Map<String, Object> payload,
        String secret) {
    Signer signer = HMACSigner.newSHA256Signer(secret);
    JWT jwt = new JWT();
    for (String key : payload.keySet()) {
        jwt.addClaim(key, payload.get(key));
    }
    return JWT.getEncoder().encode(jwt, signer);
}
}
