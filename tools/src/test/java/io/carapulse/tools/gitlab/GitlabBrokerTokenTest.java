package io.carapulse.tools.gitlab;

import static io.carapulse.tools.gitlab.GitlabShapes.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.config.ConfigurationException;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.binary.BinaryLocator;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.transport.ToolSettings;
import io.carapulse.tools.lease.BrokerCredentials;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.transport.TransportSelector;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code token: integration:gitlab}: the gitlab section names no secret, and each call's token is what
 * the credential broker leases for the environment; with nothing serving it, plans are refused up front
 * (the problem names the environment and the command that links one).
 */
class GitlabBrokerTokenTest {

    static final String LEASED = "glpat-canaryLeasedByTheBroker7f3a";

    final List<String> leases = new ArrayList<>();
    String serving = "int_01gitlab";

    final BrokerCredentials broker = new BrokerCredentials() {
        @Override
        public Optional<String> serving(String provider, String environment) {
            return Optional.ofNullable(serving).filter(s -> "gitlab".equals(provider) && GitlabWorld.ENV.equals(environment));
        }

        @Override
        public Leased lease(String provider, String environment, String tool, ToolContext context) {
            leases.add(provider + "/" + environment + "/" + tool + "/" + context.executionId());
            return new Leased(serving, LEASED);
        }
    };

    GitlabRuntime runtime(String tokenRef) {
        TransportSelector selector = new TransportSelector(new BinaryLocator("", Clock.systemUTC()),
                List.of(ToolSettings.defaults(GitlabRuntime.TOOL)));
        return new GitlabRuntime(GitlabWorld.catalog("http://127.0.0.1:9/api/v4", 1024, tokenRef), selector,
                new CliInvoker(new ProcessRunner()), Map.<String, String>of()::get, null, broker);
    }

    @Test
    void eachCallShouldGetTheTokenTheBrokerLeasesForItsEnvironment() {
        GitlabRuntime runtime = runtime("integration:gitlab");
        RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofMinutes(1));

        assertThat(runtime.projectProblems(GitlabWorld.ENV, PROJECT)).isEmpty();
        assertThat(runtime.token(GitlabWorld.ENV, context)).isEqualTo(LEASED);
        assertThat(leases).containsExactly("gitlab/prod/gitlab/" + context.executionId());
    }

    @Test
    void aPlanShouldBeRefusedWhileNoIntegrationServesTheEnvironment() {
        serving = null;

        assertThat(runtime("integration:gitlab").projectProblems(GitlabWorld.ENV, PROJECT)).singleElement().asString()
                .contains("environment 'prod' takes its GitLab token from the credential broker through integration:gitlab",
                        "assistantctl integration link gitlab --env prod");
        assertThat(leases).isEmpty();
    }

    @Test
    void anIntegrationOfAnotherProviderShouldBeRefusedAtStartUp() {
        assertThatThrownBy(() -> runtime("integration:github")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("integration: needs a provider, one of [gitlab]");
    }

    @Test
    void asRequesterShouldActAsThePersonWithAConnectionAndElseAsTheEnvironment() {
        TransportSelector selector = new TransportSelector(new BinaryLocator("", Clock.systemUTC()),
                List.of(ToolSettings.defaults(GitlabRuntime.TOOL)));
        BrokerCredentials people = new BrokerCredentials() {
            @Override
            public Optional<String> serving(String provider, String environment) {
                return Optional.of("int_01gitlab");
            }

            @Override
            public Leased lease(String provider, String environment, String tool, ToolContext context) {
                return new Leased("int_01gitlab", LEASED);
            }

            @Override
            public Optional<Leased> personal(String provider, String requester, String environment, String tool,
                                             ToolContext context) {
                return "oidc:alice".equals(requester) ? Optional.of(new Leased("con_alice", "glpat-alicesOwn")) : Optional.empty();
            }
        };
        GitlabRuntime runtime = new GitlabRuntime(GitlabWorld.catalog("http://127.0.0.1:9/api/v4", 1024,
                "integration:gitlab", true), selector, new CliInvoker(new ProcessRunner()), Map.<String, String>of()::get,
                null, people);

        assertThat(runtime.token(GitlabWorld.ENV, StepContext.origin("oidc:alice"))).isEqualTo("glpat-alicesOwn");
        assertThat(runtime.token(GitlabWorld.ENV, StepContext.origin("oidc:bob"))).isEqualTo(LEASED);
        assertThat(runtime.token(GitlabWorld.ENV, RecordingToolContext.withTimeout(Duration.ofMinutes(1))))
                .as("no origin, nobody to act as").isEqualTo(LEASED);
    }

    @Test
    void withoutTheBrokerTheCallShouldFailSayingSo() {
        TransportSelector selector = new TransportSelector(new BinaryLocator("", Clock.systemUTC()),
                List.of(ToolSettings.defaults(GitlabRuntime.TOOL)));
        GitlabRuntime runtime = new GitlabRuntime(GitlabWorld.catalog("http://127.0.0.1:9/api/v4", 1024,
                "integration:gitlab"), selector, new CliInvoker(new ProcessRunner()), Map.<String, String>of()::get, null);

        assertThatThrownBy(() -> runtime.token(GitlabWorld.ENV, RecordingToolContext.withTimeout(Duration.ofMinutes(1))))
                .isInstanceOf(ToolException.class).hasMessageContaining("need the credential broker");
    }
}
