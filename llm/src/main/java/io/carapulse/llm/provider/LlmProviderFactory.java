package io.carapulse.llm.provider;

import io.carapulse.api.llm.LlmProvider;
import io.carapulse.config.ConfigurationException;
import io.carapulse.config.SecretRef;
import io.carapulse.llm.auth.CodexCredentialSource;
import io.carapulse.llm.call.CallPolicy;
import io.carapulse.llm.call.Sleeper;
import io.carapulse.llm.codex.CodexProvider;
import io.carapulse.llm.openai.ApiKey;
import io.carapulse.llm.openai.OpenAiProvider;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the one {@link LlmProvider} bean from {@link LlmSettings}:
 *
 * <table>
 *   <tr><th>{@code carapulse.llm.provider}</th><th>provider</th></tr>
 *   <tr><td>{@code openai}</td><td>{@code openai} (its status says so when there is no key)</td></tr>
 *   <tr><td>{@code openai-codex}</td><td>{@code openai-codex} with the {@link CodexCredentialSource}
 *       bean; without one, a provider that is not configured</td></tr>
 *   <tr><td>{@code none}</td><td>not configured: chat is switched off</td></tr>
 *   <tr><td>{@code auto} (default)</td><td>{@code openai} when {@code OPENAI_API_KEY} or
 *       {@code carapulse.llm.api-key} is set; else {@code openai-codex} when a
 *       {@link CodexCredentialSource} bean exists; else not configured</td></tr>
 * </table>
 *
 * <p>{@code auto} does not ask the credential source for a token at start-up: that could refresh
 * it over the network before the server is up, and a login done after start-up should work without
 * a restart. Whether the credential is usable shows in {@link LlmProvider#status()} and, at the
 * first call, as {@code llm_not_configured} or {@code llm_auth_expired} with the command to run.
 */
@Factory
public class LlmProviderFactory {

    private static final Logger LOG = LoggerFactory.getLogger(LlmProviderFactory.class);

    /** What chat says when nothing at all is configured. */
    public static final String NOTHING_CONFIGURED = "No language model is configured: set " + ApiKey.ENV
            + " (or " + ApiKey.SETTING + ") for the openai provider, or run `assistantctl llm auth login` for "
            + "openai-codex. Everything except chat keeps working.";

    /** The process environment; tests register their own {@link EnvironmentVariables}. */
    @Singleton
    @Secondary
    EnvironmentVariables systemEnvironment() {
        return System::getenv;
    }

    /**
     * The server's provider. Settings that cannot work normally stop the server before it starts
     * (its start-up configuration check); should one get through anyway, chat is off with a
     * {@code llm_not_configured} that names the setting, and the cause is logged once, here, rather
     * than every request failing on a provider that cannot be built.
     */
    @Singleton
    LlmProvider llmProvider(BeanProvider<LlmSettings> settings, EnvironmentVariables environment,
            @Nullable CodexCredentialSource codexCredentials) {
        try {
            return create(settings.get(), environment, codexCredentials, Sleeper.REAL, Clock.systemUTC());
        } catch (ConfigurationException e) {
            return unusable(e.getMessage());
        } catch (RuntimeException e) {
            // a value of the wrong type (a timeout of "5 minutes"); the binder's message names the setting
            return unusable("a carapulse.llm setting cannot be read: " + oneLine(rootCause(e).getMessage()));
        }
    }

    private static LlmProvider unusable(String problem) {
        LOG.error("The language model settings cannot work, chat is off until they are fixed: {}", problem);
        return new NotConfiguredProvider("none", "The language model settings cannot work: " + problem
                + ". Fix the setting and restart the server; everything except chat keeps working.");
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "no detail";
        }
        String first = text.strip().lines().findFirst().orElse("no detail");
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }

    /**
     * The provider the settings ask for.
     *
     * @throws ConfigurationException for a setting that cannot work (an unknown provider, a secret
     *                                written where its reference belongs, a relative base URL …)
     */
    public static LlmProvider create(LlmSettings settings, EnvironmentVariables environment,
            @Nullable CodexCredentialSource codexCredentials, Sleeper sleeper, Clock clock) {
        ProviderChoice choice = ProviderChoice.parse(settings.provider());
        SecretRef configuredKey = settings.apiKey() == null || settings.apiKey().isBlank()
                ? null : SecretRef.parse(ApiKey.SETTING, settings.apiKey());
        ApiKey apiKey = new ApiKey(environment::get, configuredKey);
        CallPolicy policy = policy(settings, sleeper);
        return switch (choice) {
            case NONE -> new NotConfiguredProvider("none", "Chat is switched off (carapulse.llm.provider=none); "
                    + "set it to auto, openai or openai-codex to chat. Everything else works without it.");
            case OPENAI -> openAi(settings, apiKey, policy, clock);
            case OPENAI_CODEX -> codexCredentials != null
                    ? codex(settings, codexCredentials, policy, clock)
                    : new NotConfiguredProvider(CodexProvider.NAME, "carapulse.llm.provider is openai-codex, but "
                    + "this server has no ChatGPT credential source (the auth-profile store). Use the openai "
                    + "provider with " + ApiKey.ENV + " instead.");
            case AUTO -> {
                if (apiKey.present()) {
                    yield openAi(settings, apiKey, policy, clock);
                }
                yield codexCredentials != null
                        ? codex(settings, codexCredentials, policy, clock)
                        : new NotConfiguredProvider("none", NOTHING_CONFIGURED);
            }
        };
    }

    private static OpenAiProvider openAi(LlmSettings settings, ApiKey apiKey, CallPolicy policy, Clock clock) {
        return new OpenAiProvider(baseUrl(settings, OpenAiProvider.DEFAULT_BASE_URL),
                model(settings, OpenAiProvider.DEFAULT_MODEL), apiKey, policy, clock);
    }

    private static CodexProvider codex(LlmSettings settings, CodexCredentialSource credentials, CallPolicy policy,
            Clock clock) {
        return new CodexProvider(baseUrl(settings, CodexProvider.DEFAULT_BASE_URL),
                model(settings, CodexProvider.DEFAULT_MODEL), credentials, policy, clock);
    }

    private static CallPolicy policy(LlmSettings settings, Sleeper sleeper) {
        if (settings.maxRetries() < 0 || settings.maxRetries() > 10) {
            throw new ConfigurationException("carapulse.llm.max-retries: between 0 and 10, not "
                    + settings.maxRetries());
        }
        if (settings.timeout() == null || settings.timeout().isNegative() || settings.timeout().isZero()) {
            throw new ConfigurationException("carapulse.llm.timeout: a positive duration such as 5m, not "
                    + settings.timeout());
        }
        return new CallPolicy(settings.maxRetries(), settings.timeout(), sleeper);
    }

    private static String model(LlmSettings settings, String fallback) {
        return settings.model() == null || settings.model().isBlank() ? fallback : settings.model().strip();
    }

    private static String baseUrl(LlmSettings settings, String fallback) {
        if (settings.baseUrl() == null || settings.baseUrl().isBlank()) {
            return fallback;
        }
        String url = settings.baseUrl().strip();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("carapulse.llm.base-url: not a URL: " + url);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ConfigurationException("carapulse.llm.base-url: an http(s) URL such as "
                    + "http://localhost:11434/v1, not " + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
