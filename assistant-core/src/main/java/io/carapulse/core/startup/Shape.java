package io.carapulse.core.startup;

import io.carapulse.config.ConfigurationException;
import io.carapulse.config.SecretRef;
import io.carapulse.core.broker.crypto.KeyReference;
import io.micronaut.core.convert.ConversionService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one setting's value must look like. {@link #problem} says what is wrong in the user's terms
 * and never repeats the value: it may be a secret pasted into the wrong place (S4).
 */
@FunctionalInterface
public interface Shape {

    /** What is wrong with {@code value} (never {@code null} or blank when called), or {@code null}. */
    String problem(String value);

    /** A whole number in {@code [min, max]}. */
    static Shape integer(long min, long max) {
        return value -> {
            String v = value.strip();
            if (!v.matches("-?\\d{1,18}")) {
                return "must be a whole number between " + min + " and " + max;
            }
            long n = Long.parseLong(v);
            return n < min || n > max ? "must be between " + min + " and " + max : null;
        };
    }

    /** A duration such as {@code 10s}, {@code 500ms}, {@code 5m}, read as the server reads it, in {@code [min, max]}. */
    static Shape duration(Duration min, Duration max) {
        return value -> {
            Optional<Duration> d = value.strip().isEmpty() || containsWhitespace(value.strip())
                    ? Optional.empty() : convert(value.strip());
            if (d.isEmpty()) {
                return "must be a duration such as 500ms, 10s, 5m, 24h or 90d";
            }
            if (d.get().compareTo(min) < 0) {
                return "must be at least " + show(min);
            }
            return d.get().compareTo(max) > 0 ? "must be at most " + show(max) : null;
        };
    }

    /** {@code true} or {@code false} (or yes/no, on/off); anything else would silently be read as {@code false}. */
    static Shape bool() {
        Set<String> allowed = Set.of("true", "false", "yes", "no", "on", "off");
        return value -> allowed.contains(value.strip().toLowerCase(Locale.ROOT)) ? null : "must be true or false";
    }

    /** One of {@code values}, ignoring case and surrounding blanks. */
    static Shape oneOf(String... values) {
        Set<String> allowed = Arrays.stream(values).collect(Collectors.toUnmodifiableSet());
        return value -> allowed.contains(value.strip().toLowerCase(Locale.ROOT)) ? null
                : "must be one of " + String.join(", ", values);
    }

    /** No whitespace or line break anywhere (a name or an id pasted with something else). */
    static Shape token() {
        return value -> containsWhitespace(value.strip()) ? "contains whitespace or a line break" : null;
    }

    /** An absolute {@code http(s)} URL with a host; with {@code httpsUnlessLoopback}, plain http only on localhost. */
    static Shape url(boolean httpsUnlessLoopback) {
        return value -> {
            String v = value.strip();
            if (containsWhitespace(v)) {
                return "contains whitespace or a line break";
            }
            URI uri;
            try {
                uri = URI.create(v);
            } catch (IllegalArgumentException e) {
                return "is not a URL";
            }
            boolean http = "http".equals(uri.getScheme());
            if (!(http || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                return "must be an http(s) URL such as https://host/path";
            }
            if (uri.getUserInfo() != null) {
                return "must not carry credentials; they belong in the secret reference settings";
            }
            String host = uri.getHost();
            boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
            return httpsUnlessLoopback && http && !loopback ? "must be an https URL (plain http only for localhost)"
                    : null;
        };
    }

    /** A JDBC URL of a database the server supports; the URL itself is never shown (it may hold a password). */
    static Shape jdbcUrl() {
        return value -> {
            String v = value.strip();
            if (containsWhitespace(v)) {
                return "contains whitespace or a line break";
            }
            return v.startsWith("jdbc:postgresql:") || v.startsWith("jdbc:h2:") ? null
                    : "must be a PostgreSQL JDBC URL such as jdbc:postgresql://db.internal:5432/carapulse";
        };
    }

    /** An absolute path. */
    static Shape absolutePath() {
        return value -> Path.of(value.strip()).isAbsolute() ? null : "must be an absolute path";
    }

    /** A directory, or a path where one can be made: not an existing file. */
    static Shape directory() {
        return value -> {
            Path p = Path.of(value.strip());
            return Files.exists(p) && !Files.isDirectory(p) ? "is a file; it must be a directory" : null;
        };
    }

    /**
     * A secret reference, {@code env:NAME} or {@code file:/path}, never the secret itself. With
     * {@code environment} the reference must also resolve now; with {@code singleToken} what it points
     * at must be one token (an API key), not a key with a blank or a second line pasted into it.
     */
    static Shape secretReference(String key, Function<String, String> environment, boolean singleToken) {
        return value -> {
            String v = value.strip();
            boolean looksLikeReference = v.startsWith("env:") || v.startsWith("file:")
                    || v.startsWith("vault:") || v.startsWith("broker:");
            if (!looksLikeReference) {
                return "holds the secret itself (" + value.length() + " characters, not shown), not a reference to it;"
                        + " keep the secret in a file or an environment variable and write file:/path or env:NAME";
            }
            if (containsWhitespace(v)) {
                return "contains whitespace or a line break; write the reference alone (env:NAME or file:/path)";
            }
            SecretRef ref;
            try {
                ref = SecretRef.parse(key, v);
            } catch (ConfigurationException e) {
                return e.getMessage().startsWith(key + ": ") ? e.getMessage().substring(key.length() + 2) : e.getMessage();
            }
            if (environment == null) {
                return null;
            }
            String secret;
            try {
                secret = ref.resolve(environment).reveal();
            } catch (RuntimeException e) {
                return ref + ("env".equals(ref.kind()) ? " is not set or is empty" : " cannot be read or is empty");
            }
            return singleToken && containsWhitespace(secret.strip())
                    ? "the secret in " + ref + " contains whitespace or a line break; it must hold the key alone" : null;
        };
    }

    /**
     * The credential broker's key encryption key: {@code env:}/{@code file:} holding base64 of 32 bytes,
     * which must resolve now, or {@code aws-kms:<key>} (used, and so checked, after the migrations).
     */
    static Shape keyEncryptionKey(String key, Function<String, String> environment) {
        return value -> {
            String v = value.strip();
            if (!v.startsWith("env:") && !v.startsWith("file:") && !v.startsWith("aws-kms:")) {
                return "holds the key itself (" + value.length() + " characters, not shown), not a reference to it;"
                        + " keep the key in a file or an environment variable and write file:/path or env:NAME"
                        + " (or aws-kms:<key>)";
            }
            try {
                KeyReference ref = KeyReference.parse(key, v);
                if (!ref.isKms()) {
                    ref.resolve(environment, () -> null);
                }
                return null;
            } catch (ConfigurationException e) {
                return e.getMessage().startsWith(key + ": ") ? e.getMessage().substring(key.length() + 2) : e.getMessage();
            }
        };
    }

    /** A secret given directly (an environment variable read as the key itself): one token. */
    static Shape singleSecret() {
        return value -> containsWhitespace(value.strip())
                ? "contains whitespace or a line break inside the key; paste the key alone" : null;
    }

    private static Optional<Duration> convert(String value) {
        try {
            return ConversionService.SHARED.convert(value, Duration.class);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean containsWhitespace(String s) {
        return s.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                || Character.isSpaceChar(c));
    }

    /** A duration as people write it in the settings. */
    private static String show(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000 == 0) {
            return d.toDays() + "d";
        }
        if (ms != 0 && ms % 3_600_000 == 0) {
            return d.toHours() + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        return ms % 1000 == 0 ? d.toSeconds() + "s" : ms + "ms";
    }
}
