package io.carapulse.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.plan.PlanQueries;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.cli.FakeBinary;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Everything an action would refuse at execution is refused when the plan is created (S5/S6): a
 * value with a trailing line terminator, and rules across arguments. Before, each of these plans was
 * stored — the writes sent for approval — and failed only when run. Nothing is stored, and kubectl is
 * never started.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class PlanTimeArgumentsTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject PlanQueries plans;

    private FakeBinary kubectl;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory("carapulse-kubectl");
            kubectl = FakeBinary.builder(dir, "kubectl").stdout("{}").build();
            Path kubeconfig = Files.writeString(dir.resolve("prod.kubeconfig"), "apiVersion: v1\nkind: Config\n");
            return Map.of(
                    "carapulse.environments.prod.kubernetes.kubeconfig", "file:" + kubeconfig,
                    "carapulse.tools.kubectl.binary", kubectl.path().toString(),
                    "carapulse.tools.kubectl.transport", "cli");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            get, a name with a newline        | get    | {"namespace":"web","kind":"deployment","name":"web\\n"}                        | name
            get, a name with a carriage return| get    | {"namespace":"web","kind":"deployment","name":"web\\r"}                        | name
            get, a namespace with a newline   | get    | {"namespace":"web\\n","kind":"deployment","name":"web"}                        | namespace
            scale, a name with a newline      | scale  | {"namespace":"web","kind":"deployment","name":"web\\n","replicas":3}           | name
            logs, both pod and deployment     | logs   | {"namespace":"web","pod":"web-1","deployment":"web"}                          | pod and deployment
            logs, neither pod nor deployment  | logs   | {"namespace":"web"}                                                            | pod and deployment
            events, a kind without a name     | events | {"namespace":"web","kind":"deployment"}                                        | kind and name
            events, a name without a kind     | events | {"namespace":"web","name":"web"}                                               | kind and name
            patch, an empty patch             | patch  | {"namespace":"web","kind":"deployment","name":"web","patch":{}}                | patch
            """)
    void shouldRefuseAtPlanTimeWhatExecutionWouldRefuse(String name, String action, String args, String mentions) {
        TestHttp http = new TestHttp(server.getURL());
        String operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
        var before = plans.list(null, null, null, null, 1).items();
        int calls = kubectl.recorded().size();
        TestHttp.Response r = http.post("/v1/plans", operator, "{\"environment\":\"prod\",\"summary\":\"s\",\"steps\":"
                + "[{\"tool\":\"kubectl\",\"action\":\"" + action + "\",\"args\":" + args + "}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("validation_failed");
        assertThat(r.json().get("detail").asText()).contains(mentions);
        assertThat(plans.list(null, null, null, null, 1).items()).as("plans stored").isEqualTo(before);
        assertThat(kubectl.recorded()).hasSize(calls);
    }
}
