package io.carapulse.llm.provider;

import io.carapulse.config.ConfigurationException;
import io.carapulse.llm.auth.AuthEnv;
import io.carapulse.llm.auth.CodexCredentialSource;
import io.carapulse.llm.auth.CodexCredentials;
import io.carapulse.llm.auth.OAuthSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The server's ChatGPT credential source: the auth-profile store (the token sink) or
 * {@code OPENAI_ACCESS_TOKEN}. The store is {@code CARAPULSE_AUTH_PATH}, else
 * {@code ${carapulse.home}/auth-profiles.json} — the same file {@code assistantctl llm auth} writes
 * on this machine.
 *
 * <p>With {@code carapulse.llm.provider: auto} the source exists only when there is something to
 * use (an {@code OPENAI_ACCESS_TOKEN}, or a profile file), so a server with nothing configured says
 * so plainly; after the first {@code assistantctl llm auth login}, restart the server (or set the
 * provider to {@code openai-codex}, which always has the source).
 */
@Factory
public class CodexCredentialFactory {

    @Singleton
    @Requires(condition = CodexCredentialFactory.Wanted.class)
    CodexCredentialSource codexCredentials(EnvironmentVariables environment,
                                           @Value("${carapulse.home:}") String carapulseHome,
                                           @Value("${carapulse.llm.codex.token-url:}") String tokenUrl) {
        OAuthSettings oauth = tokenUrl.isBlank() ? OAuthSettings.defaults()
                : OAuthSettings.defaults().withTokenUrl(URI.create(tokenUrl));
        return CodexCredentials.fromEnvironment(authEnv(environment, carapulseHome), oauth, Clock.systemUTC());
    }

    /** Whether the server should have a ChatGPT credential source at all (see the class comment). */
    public static final class Wanted implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            BeanContext beans = context.getBeanContext();
            if (!(beans instanceof PropertyResolver properties)) {
                return false;
            }
            ProviderChoice choice;
            try {
                choice = ProviderChoice.parse(
                        properties.getProperty("carapulse.llm.provider", String.class).orElse("auto"));
            } catch (ConfigurationException unknownProvider) {
                return false; // the provider factory reports it (LlmProviderFactory#llmProvider)
            }
            if (choice == ProviderChoice.OPENAI_CODEX) {
                return true;
            }
            if (choice != ProviderChoice.AUTO) {
                return false;
            }
            EnvironmentVariables environment = beans.findBean(EnvironmentVariables.class).orElse(System::getenv);
            AuthEnv env = authEnv(environment, properties.getProperty("carapulse.home", String.class).orElse(""));
            return env.get(AuthEnv.ACCESS_TOKEN).isPresent() || Files.exists(profilePath(env));
        }
    }

    /** The process environment, with the profile file defaulting into the server's home. */
    static AuthEnv authEnv(EnvironmentVariables environment, String carapulseHome) {
        Path userHome = Path.of(System.getProperty("user.home"));
        return new AuthEnv(name -> {
            String value = environment.get(name);
            if (AuthEnv.AUTH_PATH.equals(name) && (value == null || value.isBlank()) && !carapulseHome.isBlank()) {
                return Path.of(carapulseHome).resolve("auth-profiles.json").toString();
            }
            return value;
        }, userHome);
    }

    private static Path profilePath(AuthEnv env) {
        return env.get(AuthEnv.AUTH_PATH).map(env::expand)
                .orElse(env.home().resolve(".carapulse").resolve("auth-profiles.json"));
    }
}
