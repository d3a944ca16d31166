import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jwtparity driver for the Java snippet (protocol: harness/README.md).
 *
 * How the snippet is called (its entry point, how the secret reaches it) is the edition's:
 * Adapter.sign, compiled from editions/<edition>/.
 *
 * The image holds the snippet compiled for each algorithm with the adapter (classes-<ALG>/, the
 * snippets all declaring the same class), so each is loaded by a class loader of its own; a case is
 * signed by the Adapter of its `alg`.
 */
public final class Driver
{
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};
    // jwtparity writes each case with its id first, so a line that does not parse still names its case.
    private static final Pattern LEADING_ID = Pattern.compile("^\\{\"id\": (\"(?:[^\"\\\\]|\\\\.)*\")");

    private static Object leadingId(ObjectMapper json, String line)
    {
        Matcher match = LEADING_ID.matcher(line);
        try
        {
            return match.lookingAt() ? json.readValue(match.group(1), String.class) : null;
        }
        catch (Exception e)
        {
            return null;
        }
    }

    public static void main(String[] args) throws Exception
    {
        // Jackson's untyped values are what a Java application gets from JSON: objects as
        // LinkedHashMap (key order kept, {} stays a Map), integers as Integer, Long or BigInteger by
        // size, floats as Double, strings as String.
        // Jackson 2.15 also caps numbers at 1000 digits, strings at 20 MB and nesting at 1000 levels
        // while reading: lifted, so that only the snippet and its library can reject a payload.
        StreamReadConstraints unlimited = StreamReadConstraints.builder()
            .maxNumberLength(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE).maxNestingDepth(Integer.MAX_VALUE)
            .build();
        ObjectMapper json = new ObjectMapper(JsonFactory.builder().streamReadConstraints(unlimited).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        Path home = Path.of("/opt/jwtparity");
        Map<String, Object> context = json.readValue(home.resolve("context.json").toFile(), OBJECT);
        List<?> algorithms = (List<?>) context.get("algorithms");
        Map<String, Method> signers = new HashMap<>();
        Map<String, Class<?>> adapters = new HashMap<>();

        // Results go to the real stdout as UTF-8; anything the snippet prints goes to stderr instead.
        PrintStream results = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; )
        {
            if (line.isBlank())
            {
                continue;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", leadingId(json, line));
            try
            {
                Map<String, Object> testCase = json.readValue(line, OBJECT);
                result.put("id", testCase.get("id"));
                if (testCase.containsKey("body") || testCase.containsKey("plain"))
                {
                    Object algorithm = testCase.get("alg");
                    if (!algorithms.contains(algorithm))
                    {
                        throw new IllegalArgumentException("no snippet for algorithm " + algorithm);
                    }
                    Class<?> adapter = adapters.get(algorithm);
                    if (adapter == null)
                    {
                        adapter = loadAdapter(home.resolve("classes-" + algorithm));
                        adapters.put((String) algorithm, adapter);
                    }
                    answer(adapter, testCase, context, result);
                    results.println(json.writeValueAsString(result));
                    results.flush();
                    continue;
                }
                if (!(testCase.get("payload") instanceof Map))
                {
                    throw new IllegalArgumentException("payload is not a JSON object");
                }
                if (!(testCase.get("secret") instanceof String))
                {
                    throw new IllegalArgumentException("secret is not a string");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> payload = (Map<String, Object>) testCase.get("payload");
                Object algorithm = testCase.get("alg");
                if (!algorithms.contains(algorithm))
                {
                    throw new IllegalArgumentException("no snippet for algorithm " + algorithm);
                }
                Method sign = signers.get(algorithm);
                if (sign == null)
                {
                    sign = loadSigner(home.resolve("classes-" + algorithm));
                    signers.put((String) algorithm, sign);
                }
                try
                {
                    result.put("token", sign.invoke(null, payload, testCase.get("secret"), context));
                }
                catch (InvocationTargetException e)
                {
                    throw e.getCause();  // what the snippet itself threw
                }
            }
            catch (Throwable e)
            {
                // Whatever escapes (a parse error, an Error from the snippet or the library) fails
                // this case only; the next case starts afresh.
                result.put("error", e.toString());
            }
            results.println(json.writeValueAsString(result));
            results.flush();
        }
    }

    /** Adapter.sign of the snippet compiled into {@code classes}, in a class loader of its own. */
    private static Method loadSigner(Path classes) throws Exception
    {
        return loadAdapter(classes).getMethod("sign", Map.class, String.class, Map.class);
    }

    /** The Adapter class compiled with the snippet into {@code classes}, in a class loader of its own. */
    private static Class<?> loadAdapter(Path classes) throws Exception
    {
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, Driver.class.getClassLoader());
        return loader.loadClass("Adapter");
    }

    /**
     * A verifying edition's request (body, authorization) through Adapter.verify, or a plain call of the
     * library (plain) through Adapter.plain: accepted with the claims, or the refusal's reason.
     */
    @SuppressWarnings("unchecked")
    private static void answer(Class<?> adapter, Map<String, Object> testCase, Map<String, Object> context,
                               Map<String, Object> result) throws Exception
    {
        Object claims;
        try
        {
            if (testCase.containsKey("body"))
            {
                if (!(testCase.get("body") instanceof Map))
                {
                    throw new IllegalArgumentException("body is not a JSON object");
                }
                claims = adapter.getMethod("verify", Map.class, String.class, String.class, Map.class)
                    .invoke(null, (Map<String, Object>) testCase.get("body"), (String) testCase.get("authorization"),
                            (String) testCase.get("secret"), context);
            }
            else
            {
                claims = adapter.getMethod("plain", String.class, String.class, String.class)
                    .invoke(null, testCase.get("plain"), testCase.get("secret"), testCase.get("alg"));
            }
        }
        catch (InvocationTargetException e)
        {
            result.put("accepted", false);  // the library's (or the sample's) refusal
            result.put("reason", e.getCause().toString());
            return;
        }
        result.put("accepted", true);
        result.put("claims", claims);
    }
}
