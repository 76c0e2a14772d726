package io.carapulse.tools.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.contract.ArgumentSchemas;
import io.carapulse.testkit.contract.ToolAdapterContract;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The argocd adapter's declarations (contract suite) and what its schemas refuse (S5). */
class ArgoCdAdapterContractTest extends ToolAdapterContract {

    @TempDir
    Path emptyPath;

    private final ProcessRunner runner = new ProcessRunner();

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    @Override
    protected ToolAdapter adapter() {
        return ArgoTestSupport.adapter("argocd.example.com:443", emptyPath, runner);
    }

    @Override
    protected Map<String, ObjectNode> validArguments() {
        return Map.of(
                "app-get", json("{\"app\": \"checkout\"}"),
                "app-list", json("{}"),
                "app-diff", json("{\"app\": \"checkout\"}"),
                "app-history", json("{\"app\": \"checkout\"}"),
                "app-wait", json("{\"app\": \"checkout\", \"timeoutSeconds\": 120}"),
                "app-sync", json("{\"app\": \"checkout\", \"revision\": \"v1.4.2\", \"prune\": false, \"dryRun\": true}"),
                "app-rollback", json("{\"app\": \"checkout\", \"id\": 3}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-checkout", "--server=evil:443", "Checkout", "a;rm -rf", "app name", "checkout-", ""})
    void shouldRefuseAnAppNameThatCouldBeAnOptionOrShellText(String app) {
        ObjectNode args = json("{}").put("app", app);
        for (String action : new String[] {"app-get", "app-sync", "app-rollback", "app-wait", "app-diff"}) {
            ObjectNode withRequired = args.deepCopy();
            if (action.equals("app-rollback")) {
                withRequired.put("id", 1);
            }
            assertThat(ArgumentSchemas.errors(adapter().action(action).orElseThrow().descriptor().argumentSchema(),
                    withRequired)).as(action + " with app " + app).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--force", "-x", "main; curl evil", "$(id)", "a b"})
    void shouldRefuseARevisionThatCouldBeAnOptionOrShellText(String revision) {
        ObjectNode args = json("{\"app\": \"checkout\"}").put("revision", revision);

        assertThat(ArgumentSchemas.errors(adapter().action("app-sync").orElseThrow().descriptor().argumentSchema(),
                args)).isNotEmpty();
    }

    @Test
    void shouldRefuseANegativeHistoryId() {
        assertThat(ArgumentSchemas.errors(adapter().action("app-rollback").orElseThrow().descriptor().argumentSchema(),
                json("{\"app\": \"checkout\", \"id\": -1}"))).isNotEmpty();
    }

    @Test
    void shouldDeclareWritesAndOnlyRollbackAsReversible() {
        ToolAdapter a = adapter();

        assertThat(a.action("app-sync").orElseThrow().descriptor().actionClass().writes()).isTrue();
        assertThat(a.action("app-rollback").orElseThrow().descriptor().reversible()).isTrue();
        assertThat(a.action("app-wait").orElseThrow().descriptor().actionClass().writes()).isFalse();
        assertThat(a.action("app-diff").orElseThrow().descriptor().transports()).containsExactly(Transport.CLI);
    }

    @Test
    void shouldOfferOnlyHttpWhenNoBinaryIsOnThePath() {
        assertThat(adapter().availableTransports()).containsExactly(Transport.HTTP);
    }

    @Test
    void shouldRefuseAtPlanTimeAnEnvironmentWithoutArgoCd() {
        assertThat(adapter().action("app-sync").orElseThrow()
                .targetProblems(ArgoTestSupport.call("app-sync", "{\"app\": \"checkout\"}", "dev")))
                .singleElement().asString().contains("dev").contains("Argo CD");
        assertThat(adapter().action("app-sync").orElseThrow()
                .targetProblems(ArgoTestSupport.call("app-sync", "{\"app\": \"checkout\"}"))).isEmpty();
    }
}
