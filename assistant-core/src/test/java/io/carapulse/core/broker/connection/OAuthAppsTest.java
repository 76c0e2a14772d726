package io.carapulse.core.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.error.ProblemException;
import io.carapulse.config.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.DefaultEnvironment;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code carapulse.broker.oauth.<provider>.*} as the server reads it at start-up. */
class OAuthAppsTest {

    private static OAuthApps apps(Map<String, Object> properties) {
        Environment env = new DefaultEnvironment(() -> List.of("test"));
        env.addPropertySource(PropertySource.of("test", properties));
        env.start();
        return new OAuthApps(env);
    }

    @Test
    void shouldUseTheEndpointsOfGitHubComAndGitLabComByDefault() {
        OAuthApps apps = apps(Map.of("carapulse.broker.oauth.github.client-id", "Iv1.abc",
                "carapulse.broker.oauth.github.client-secret", "env:GITHUB_OAUTH_SECRET",
                "carapulse.broker.oauth.gitlab.client-id", "f00d",
                "carapulse.broker.oauth.gitlab.client-secret", "file:/etc/carapulse/gitlab-oauth",
                "carapulse.broker.oauth.gitlab.scopes", "read_api,read_user",
                "carapulse.console.public-url", "https://carapulse.example.com/"));

        OAuthApp github = apps.find(ConnectionProvider.GITHUB).orElseThrow();
        OAuthApp gitlab = apps.find(ConnectionProvider.GITLAB).orElseThrow();

        assertThat(github.authorizeUrl()).isEqualTo(URI.create("https://github.com/login/oauth/authorize"));
        assertThat(github.tokenUrl()).isEqualTo(URI.create("https://github.com/login/oauth/access_token"));
        assertThat(github.apiUrl()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(github.revokeUrl()).isNull();
        assertThat(github.scopes()).containsExactly("repo", "read:org");
        assertThat(github.redirectUri()).isEqualTo(URI.create("https://carapulse.example.com/v1/connections/callback"));
        assertThat(github.clientSecret().toString()).isEqualTo("env:GITHUB_OAUTH_SECRET");
        assertThat(gitlab.tokenUrl()).isEqualTo(URI.create("https://gitlab.com/oauth/token"));
        assertThat(gitlab.revokeUrl()).isEqualTo(URI.create("https://gitlab.com/oauth/revoke"));
        assertThat(gitlab.apiUrl()).isEqualTo(URI.create("https://gitlab.com/api/v4"));
        assertThat(gitlab.scopes()).containsExactly("read_api", "read_user");
    }

    @Test
    void shouldSayWhichKeyToSetForAProviderThatIsNotConfigured() {
        OAuthApps apps = apps(Map.of());

        assertThat(apps.find(ConnectionProvider.GITLAB)).isEmpty();
        assertThatThrownBy(() -> apps.require(ConnectionProvider.GITLAB)).isInstanceOf(ProblemException.class)
                .hasMessage("OAuth connections to GitLab are not configured (carapulse.broker.oauth.gitlab.client-id)");
    }

    @Test
    void shouldStopTheServerWithOneLineNamingTheKey() {
        String secret = "gho_pastedByMistake0123456789";
        assertThatThrownBy(() -> apps(Map.of("carapulse.broker.oauth.github.client-id", "Iv1.abc",
                "carapulse.broker.oauth.github.client-secret", secret)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("carapulse.broker.oauth.github.client-secret: the value (")
                .message().doesNotContain(secret).doesNotContain("\n");
        assertThatThrownBy(() -> apps(Map.of("carapulse.broker.oauth.github.client-id", "Iv1.abc")))
                .hasMessageStartingWith("carapulse.broker.oauth.github.client-secret: a secret reference is required");
        assertThatThrownBy(() -> apps(Map.of("carapulse.broker.oauth.gitlab.client-secret", "env:X")))
                .hasMessage("carapulse.broker.oauth.gitlab.client-id is required when "
                        + "carapulse.broker.oauth.gitlab.client-secret is set");
        assertThatThrownBy(() -> apps(Map.of("carapulse.broker.oauth.jira.client-id", "x")))
                .hasMessage("carapulse.broker.oauth.jira: OAuth connections support github, gitlab");
        assertThatThrownBy(() -> apps(Map.of("carapulse.broker.oauth.github.client-id", "Iv1.abc",
                "carapulse.broker.oauth.github.client-secret", "env:X",
                "carapulse.broker.oauth.github.token-url", "http://github.example.com/login/oauth/access_token")))
                .hasMessageStartingWith("carapulse.broker.oauth.github.token-url must be an https URL");
        assertThatThrownBy(() -> apps(Map.of("carapulse.broker.oauth.github.client-id", "Iv1.abc",
                "carapulse.broker.oauth.github.client-secret", "env:X",
                "carapulse.broker.oauth.github.token-uri", "https://x")))
                .hasMessageStartingWith("carapulse.broker.oauth.github.token-uri is not a setting");
    }

    @Test
    void shouldBeCheckedWhenTheServerStarts() {
        Map<String, Object> p = Map.of("datasources.default.url", "jdbc:h2:mem:oauth-start-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "carapulse.broker.oauth.gitlab.client-id", "f00d",
                "carapulse.broker.oauth.gitlab.client-secret", "glsecret-pasted-here");

        assertThatThrownBy(() -> ApplicationContext.run(p, "test").close()).satisfies(e -> {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).isInstanceOf(ConfigurationException.class);
            assertThat(root.getMessage()).startsWith("carapulse.broker.oauth.gitlab.client-secret: ")
                    .doesNotContain("glsecret-pasted-here").doesNotContain("\n");
        });
    }
}
