package io.carapulse.config;

import io.carapulse.api.error.PermanentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a secret lives, as configuration names it: {@code env:NAME} (an environment variable of the
 * server) or {@code file:/path} (a file's content, one trailing newline removed). Resolved only at
 * the point of use, never stored in a record that gets logged. Where a tool family takes its credential
 * from the credential broker (its section parses with {@link #parse(String, String, Set)}), the reference
 * may also be {@code integration:<provider>}: the integration of that provider serving the environment, read
 * through the broker for each call ({@link #parse(String, String, Set)}); it has no value to
 * {@link #resolve()}. {@code vault:} and {@code broker:} are refused.
 *
 * @param kind     {@code env}, {@code file} or {@code integration}
 * @param locator  the variable name, the file path or the provider
 */
public record SecretRef(String kind, String locator) {

    public SecretRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(locator, "locator");
    }

    /** The kind of a reference the credential broker resolves: {@code integration:<provider>}. */
    public static final String INTEGRATION = "integration";

    /** Parses {@code env:NAME} or {@code file:/path}; anything else is a {@link ConfigurationException}. */
    public static SecretRef parse(String key, String text) {
        return parse(key, text, Set.of());
    }

    /**
     * Parses {@code env:NAME}, {@code file:/path}, or {@code integration:<provider>} for one of
     * {@code providers} (the providers whose integrations the caller can take a credential from).
     */
    public static SecretRef parse(String key, String text, Set<String> providers) {
        if (text == null || text.isBlank()) {
            throw new ConfigurationException(key + ": a secret reference is required (env:NAME or file:/path)");
        }
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon);
        String locator = colon < 0 ? "" : text.substring(colon + 1);
        switch (kind) {
            case "env" -> {
                if (!locator.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new ConfigurationException(key + ": env: needs a variable name, e.g. env:KUBE_TOKEN");
                }
            }
            case "file" -> {
                if (!Path.of(locator).isAbsolute()) {
                    throw new ConfigurationException(key + ": file: needs an absolute path, e.g. file:/etc/carapulse/token");
                }
            }
            case INTEGRATION -> {
                if (providers.isEmpty()) {
                    throw new ConfigurationException(key + ": integration: references are taken only where a tool "
                            + "family reads its credential from the credential broker; use env: or file: here");
                }
                if (!providers.contains(locator)) {
                    throw new ConfigurationException(key + ": integration: needs a provider, one of "
                            + providers.stream().sorted().toList() + ", e.g. integration:" + providers.stream().sorted()
                            .findFirst().orElseThrow());
                }
            }
            case "vault", "broker" -> throw new ConfigurationException(key + ": '" + kind
                    + ":' secret references are not supported; use env:, file: or, where the tool family takes "
                    + "one, integration:<provider>");
            default -> throw new ConfigurationException(key + ": the value (" + text.length()
                    + " characters, not shown) is not a secret reference; write env:NAME or file:/path "
                    + "(never the secret itself)");
        }
        return new SecretRef(kind, locator);
    }

    /** Whether the credential broker resolves this reference ({@code integration:<provider>}). */
    public boolean isIntegration() {
        return INTEGRATION.equals(kind);
    }

    /** Reads the secret now, from the real environment. */
    public Secret resolve() {
        return resolve(System.getenv()::get);
    }

    /**
     * Reads the secret now. Fails closed (S9): a missing variable, an unreadable or empty file is a
     * {@link PermanentException} with code {@code secret_unavailable} that names the reference, never
     * its value.
     */
    public Secret resolve(Function<String, String> environment) {
        String value = switch (kind) {
            case "env" -> environment.apply(locator);
            case "file" -> read(Path.of(locator));
            case INTEGRATION -> throw new PermanentException("secret_unavailable", "the secret " + this
                    + " is held by the credential broker and is read through it, not here");
            default -> throw new IllegalStateException("unknown kind " + kind);
        };
        if (value == null || value.isEmpty()) {
            throw new PermanentException("secret_unavailable", "the secret " + this + " is not set or is empty");
        }
        return new Secret(value);
    }

    private String read(Path path) {
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8);
            return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new PermanentException("secret_unavailable", "the secret " + this + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return kind + ":" + locator;
    }

    /** A resolved secret. Its {@code toString} never shows the value. */
    public static final class Secret {

        private final String value;

        Secret(String value) {
            this.value = value;
        }

        /** The value, for the one place that hands it to a tool (a lease); never log it. */
        public String reveal() {
            return value;
        }

        @Override
        public String toString() {
            return "Secret[****]";
        }
    }
}
