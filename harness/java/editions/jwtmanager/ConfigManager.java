import java.util.HashMap;
import java.util.Map;

/**
 * The application's configuration as the snippet reads it: {@code ConfigManager.GetProperty(key)}.
 * The driver sets the secret property to each case's secret before calling the snippet.
 */
public final class ConfigManager
{
    private static final Map<String, String> properties = new HashMap<>();

    private ConfigManager()
    {
    }

    public static String GetProperty(String key)
    {
        return properties.get(key);
    }

    static void SetProperty(String key, String value)
    {
        properties.put(key, value);
    }
}
