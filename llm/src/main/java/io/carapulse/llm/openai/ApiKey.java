package io.carapulse.llm.openai;

import io.carapulse.api.error.PermanentException;
import io.carapulse.api.llm.LlmException;
import io.carapulse.config.SecretRef;
import java.util.function.Function;

/**
 * Where the {@code openai} provider's API key comes from: {@code OPENAI_API_KEY} when it is set and
 * not empty, else the {@code carapulse.llm.api-key} secret reference. Resolved at each call (a key
 * file may be rotated under a running server), never kept in a field, never shown.
 */
public final class ApiKey {

    /** The environment variable that wins over configuration. */
    public static final String ENV = "OPENAI_API_KEY";
    /** The configuration key holding a {@link SecretRef}. */
    public static final String SETTING = "carapulse.llm.api-key";

    private final Function<String, String> environment;
    private final SecretRef configured;

    /**
     * @param environment reads an environment variable ({@code System::getenv} outside tests)
     * @param configured  the parsed {@code carapulse.llm.api-key}, or {@code null}
     */
    public ApiKey(Function<String, String> environment, SecretRef configured) {
        this.environment = environment;
        this.configured = configured;
    }

    /** Whether a key is configured at all (it may still fail to resolve). */
    public boolean present() {
        return fromEnvironment() != null || configured != null;
    }

    /** Where the key is taken from, safe to show: {@code env:OPENAI_API_KEY} or the reference. */
    public String source() {
        if (fromEnvironment() != null) {
            return "env:" + ENV;
        }
        return configured == null ? null : configured.toString();
    }

    /**
     * The key itself, for the SDK's {@code Authorization} header only.
     *
     * @throws LlmException.NotConfigured when there is none, or its reference cannot be read
     */
    public String resolve() {
        String fromEnv = fromEnvironment();
        if (fromEnv != null) {
            return fromEnv;
        }
        if (configured == null) {
            throw new LlmException.NotConfigured("The openai provider has no API key: set " + ENV + " or "
                    + SETTING + " (env:NAME or file:/path).");
        }
        try {
            return configured.resolve(environment).reveal();
        } catch (PermanentException e) {
            throw new LlmException.NotConfigured("The openai provider's API key cannot be read: " + e.getMessage()
                    + " (" + SETTING + ").");
        }
    }

    private String fromEnvironment() {
        String value = environment.apply(ENV);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
