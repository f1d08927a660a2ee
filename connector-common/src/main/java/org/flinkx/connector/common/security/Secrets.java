package org.flinkx.connector.common.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The one place that hides secrets, in every form they take in FlinkX's options, for messages, logs
 * and metrics: URL query parameters ({@code ?password=...}, {@code ;pwd=...}), user info in URLs
 * ({@code //user:secret@host}), option maps ({@code password}, {@code properties.password}, {@code
 * debezium.database.password}, {@code sink.properties.token}), {@code Properties} handed to
 * clients, and SQL {@code WITH} clauses ({@code 'password' = '...'}). A key is secret when its last
 * part names a password, secret, token, credential or API key.
 */
@PublicEvolving
public final class Secrets {

    /** What a secret is replaced with. */
    public static final String MASK = "******";

    private static final String SECRET_NAME =
            "(?:password|passwd|pwd|secret|token|credentials?|api[-_.]?key)";

    /**
     * A key that ends with a secret's name: {@code password}, {@code properties.ssl.key.password}.
     */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*" + SECRET_NAME);

    /**
     * {@code name=value} where the name holds a secret's name, up to the next {@code &} or {@code
     * ;}.
     */
    private static final Pattern URL_PARAMETER =
            Pattern.compile("(?i)((?<![\\w.-])[\\w.-]*" + SECRET_NAME + "[\\w.-]*\\s*=)[^&;]*");

    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@?#\\s]*:)[^@/\\s]*@");

    private static final Pattern SQL_OPTION =
            Pattern.compile(
                    "('[^']*" + SECRET_NAME + "[^']*'\\s*=\\s*)'(?:[^']|'')*'",
                    Pattern.CASE_INSENSITIVE);

    /** Whether an option or property with this key holds a secret. */
    public static boolean isSecretKey(String key) {
        return key != null && SECRET_KEY.matcher(key).matches();
    }

    /** A URL (or any text holding URLs) with secret parameters and user-info passwords masked. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = URL_PARAMETER.matcher(url).replaceAll("$1" + MASK);
        return URL_USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }

    /** A copy of the options with the values of secret keys masked, in the same order. */
    public static Map<String, String> maskOptions(Map<String, String> options) {
        Map<String, String> masked = new LinkedHashMap<>();
        options.forEach((key, value) -> masked.put(key, isSecretKey(key) ? MASK : maskUrl(value)));
        return masked;
    }

    /** The properties as text for a log line, sorted, secrets masked. */
    public static String describe(Properties properties) {
        Map<String, String> sorted = new TreeMap<>();
        properties
                .stringPropertyNames()
                .forEach(key -> sorted.put(key, properties.getProperty(key)));
        return maskOptions(sorted).toString();
    }

    /** SQL with the values of secret options ({@code 'password' = '...'}) masked. */
    public static String maskSql(String sql) {
        return sql == null ? null : SQL_OPTION.matcher(sql).replaceAll("$1'" + MASK + "'");
    }

    private Secrets() {}
}
