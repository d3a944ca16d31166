import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fusionauth.jwt.JWTExpiredException;
import io.fusionauth.jwt.JWTUnavailableForProcessingException;
import io.fusionauth.jwt.JWTUtils;
import io.fusionauth.jwt.Verifier;
import io.fusionauth.jwt.domain.JWT;
import io.fusionauth.jwt.hmac.HMACVerifier;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * jwtparity verifier for Java: fusionauth-jwt's documented JWT.getDecoder().decode with an HMAC
 * verifier (protocol: harness/README.md).
 *
 * The signature is verified by the library. fusionauth's HMACVerifier verifies HS256, HS384 and HS512
 * alike, so the expected algorithm is checked against the header first. The decoder enforces exp and
 * nbf; they are read, not enforced here: a token refused for its time alone is decoded again by the
 * library's time-machine decoder as of its nbf or exp (midway when both), with a wide clock skew (the
 * full signature check runs again).
 */
public final class Verify
{
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    private static JWT decode(String token, String secret, String alg)
    {
        String headerAlg = String.valueOf(JWTUtils.decodeHeader(token).algorithm);
        if (!alg.equals(headerAlg))
        {
            throw new IllegalArgumentException("header alg " + headerAlg + " is not the expected " + alg);
        }
        Verifier verifier = HMACVerifier.newVerifier(secret);
        try
        {
            return JWT.getDecoder().decode(token, verifier);
        }
        catch (JWTExpiredException | JWTUnavailableForProcessingException timeOnly)
        {
            // Decode again as of the token's nbf or exp (midway when it has both: its exp may precede its
            // nbf), with the widest clock skew the decoder takes (about 68 years either way).
            JWT unverified = JWTUtils.decodePayload(token);
            ZonedDateTime nbf = unverified.notBefore;
            ZonedDateTime exp = unverified.expiration;
            ZonedDateTime moment = nbf == null ? exp : exp == null ? nbf
                : exp.plusSeconds((nbf.toEpochSecond() - exp.toEpochSecond()) / 2);
            return JWT.getTimeMachineDecoder(moment).withClockSkew(Integer.MAX_VALUE).decode(token, verifier);
        }
    }

    public static void main(String[] args) throws Exception
    {
        ObjectMapper json = new ObjectMapper();
        PrintStream results = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; )
        {
            if (line.isBlank())
            {
                continue;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", null);
            try
            {
                Map<String, Object> request = json.readValue(line, OBJECT);
                result.put("id", request.get("id"));
                JWT jwt = decode((String) request.get("token"), (String) request.get("secret"),
                                 (String) request.get("alg"));
                result.put("accepted", true);
                result.put("claims", jwt.getRawClaims());
            }
            catch (Throwable e)
            {
                result.put("accepted", false);
                result.put("reason", e.toString());
            }
            results.println(json.writeValueAsString(result));
            results.flush();
        }
    }
}
