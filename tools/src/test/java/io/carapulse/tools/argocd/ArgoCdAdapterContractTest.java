package io.carapulse.tools.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.contract.ArgumentSchemas;
import io.carapulse.testkit.contract.ToolFamilyContract;
import io.carapulse.tools.argocd.internal.ArgoTargets;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The argocd adapter keeps the declaration contract and the behavioural one, against a recording fake
 * {@code argocd}; and what its schemas refuse (S5).
 */
class ArgoCdAdapterContractTest extends ToolFamilyContract {

    private static final String SERVER = "argocd.example.com:443";

    /** An application of project {@code platform}, which {@code prod} does not declare. */
    private static final String OTHER_PROJECT_APP = "billing-admin";

    @TempDir
    Path emptyPath;

    private final ProcessRunner runner = new ProcessRunner();

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    /** No argocd anywhere: the declarations, and the REST path's availability. */
    @Override
    protected ToolAdapter adapter() {
        return ArgoTestSupport.adapter(SERVER, emptyPath, runner);
    }

    @Override
    protected String binaryName() {
        return ArgoRuntime.TOOL;
    }

    /** argocd found in {@code binDirectory}: the CLI is chosen although the REST API is declared too. */
    @Override
    protected ToolAdapter adapterWithCli(Path binDirectory) {
        return ArgoTestSupport.adapter(SERVER, binDirectory, runner);
    }

    @Override
    protected String environment() {
        return "prod";
    }

    /** The one target a plan can name is the environment's Argo CD: {@code dev} has none. */
    @Override
    protected Optional<String> environmentWithoutInventory() {
        return Optional.of("dev");
    }

    /** No argument names a target: the application's project is known only once it is read. */
    @Override
    protected Map<String, ObjectNode> outsideInventory() {
        return Map.of();
    }

    /** app-list names no application: it lists the environment's projects only. */
    @Override
    protected Set<String> actionsWithoutTargets() {
        return Set.of("app-list");
    }

    /** Every action on an application, for one of project {@code platform}: refused once {@code app get} shows it. */
    @Override
    protected Map<String, TargetOnRead> outsideInventoryOnRead() {
        String app = ArgoTestSupport.fixture("application-other-project.json");
        return validArguments().entrySet().stream().filter(e -> e.getValue().has("app"))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new TargetOnRead(
                        e.getValue().deepCopy().put("app", OTHER_PROJECT_APP),
                        List.of("app", "get", OTHER_PROJECT_APP), app)));
    }

    @Override
    protected Set<String> leaseSecrets() {
        return Set.of(ArgoTestSupport.TOKEN);
    }

    /** argocd printing its token variable, as a debug or {@code env} would. */
    @Override
    protected FakeBinary.Builder leakLease(FakeBinary.Builder cli) {
        return cli.printVariable(ArgoTargets.TOKEN_VARIABLE);
    }

    /** Every action on an application reads it first ({@code app get}), for its project and the evidence. */
    @Override
    protected FakeBinary.Builder answerReads(FakeBinary.Builder cli) {
        return cli.answer(List.of("app", "get"), ArgoTestSupport.fixture("application-synced.json"));
    }

    /** What argocd prints when it fails (exit 20, the gRPC status in logrus's fatal line), read by ArgoExitMapper. */
    @Override
    protected List<ExitSample> exitSamples() {
        return List.of(
                new ExitSample(20, fatal("rpc error: code = NotFound desc = applications.argoproj.io \\\"checkout\\\" "
                        + "not found"), ToolFailure.NOT_FOUND),
                new ExitSample(20, fatal("rpc error: code = PermissionDenied desc = permission denied: applications, "
                        + "get, payments/checkout, sub: ci-bot, iat: 2024-11-01T08:00:00Z"), ToolFailure.FORBIDDEN),
                new ExitSample(20, fatal("rpc error: code = Unauthenticated desc = invalid session: token has invalid "
                        + "claims: token is expired"), ToolFailure.UNAUTHENTICATED),
                new ExitSample(20, fatal("rpc error: code = Unknown desc = revision HEAD must be resolved"),
                        ToolFailure.TOOL_FAILED));
    }

    private static String fatal(String message) {
        return "time=\"2024-11-21T09:00:00Z\" level=fatal msg=\"" + message + "\"\n";
    }

    @Override
    protected String probeAction() {
        return "app-get";
    }

    /** {@code argocd app get -o json}: at history id 3, the id a rollback would be undone to. */
    @Override
    protected Map<String, String> currentState() {
        return Map.of("app-rollback", ArgoTestSupport.fixture("application-synced.json"));
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
