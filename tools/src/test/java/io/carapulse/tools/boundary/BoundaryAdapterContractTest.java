package io.carapulse.tools.boundary;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.carapulse.tools.boundary.BoundaryTestSupport.cliApiError;
import static io.carapulse.tools.boundary.BoundaryTestSupport.cliItem;
import static io.carapulse.tools.boundary.BoundaryTestSupport.cliItems;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.contract.ArgumentSchemas;
import io.carapulse.testkit.contract.ToolFamilyContract;
import io.carapulse.tools.boundary.internal.CliBoundaryApi;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The boundary adapter keeps the declaration contract and the behavioural one against a recording fake
 * {@code boundary} (the server's login answered by WireMock, as the CLI path needs a token); and what its
 * schemas refuse (S5).
 */
class BoundaryAdapterContractTest extends ToolFamilyContract {

    private static final WireMockServer CONTROLLER = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @TempDir
    Path emptyPath;

    private final ProcessRunner runner = new ProcessRunner();

    @BeforeAll
    static void startController() {
        CONTROLLER.start();
        BoundaryTestSupport.login(CONTROLLER);
    }

    @AfterAll
    static void stopController() {
        CONTROLLER.stop();
    }

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    private static String address() {
        return "http://127.0.0.1:" + CONTROLLER.port();
    }

    @Override
    protected ToolAdapter adapter() {
        return BoundaryTestSupport.adapter(address(), emptyPath, runner);
    }

    @Override
    protected String binaryName() {
        return BoundaryRuntime.TOOL;
    }

    @Override
    protected ToolAdapter adapterWithCli(Path binDirectory) {
        return BoundaryTestSupport.adapter(address(), binDirectory, runner);
    }

    @Override
    protected String environment() {
        return "prod";
    }

    @Override
    protected Optional<String> environmentWithoutInventory() {
        return Optional.of("dev");
    }

    @Override
    protected Map<String, ObjectNode> outsideInventory() {
        return Map.of(
                "scopes", json("{\"scope\": \"p_0987654321\"}"),
                "targets", json("{\"scope\": \"p_0987654321\"}"),
                "target-get", json("{\"target\": \"billing-db\"}"),
                "sessions", json("{\"target\": \"ttcp_9999999999\"}"),
                "grant-access", json("{\"target\": \"billing-db\", \"role\": \"r_1234567890\", \"principal\": \"u_1234567890\"}"),
                "revoke-access", json("{\"role\": \"r_0000000000\", \"principal\": \"u_1234567890\"}"));
    }

    @Override
    protected Map<String, List<ObjectNode>> moreOutsideInventory() {
        return Map.of(
                "sessions", List.of(json("{\"user\": \"u_1234567890\", \"scope\": \"p_0987654321\"}")),
                "grant-access", List.of(json("{\"target\": \"ttcp_1234567890\", \"role\": \"r_0000000000\", "
                        + "\"principal\": \"u_1234567890\"}")));
    }

    /** A session's target and scope are known only once it is read: one in an undeclared project. */
    @Override
    protected Map<String, TargetOnRead> outsideInventoryOnRead() {
        return Map.of("session-cancel", new TargetOnRead(json("{\"session\": \"s_0987654321\"}"),
                List.of("sessions", "read", "-id", "s_0987654321"), cliItem("session-other-scope.json")));
    }

    @Override
    protected Set<String> leaseSecrets() {
        return Set.of(BoundaryTestSupport.TOKEN, BoundaryTestSupport.PASSWORD);
    }

    /** boundary printing its token variable, as a debug or {@code env} would. */
    @Override
    protected FakeBinary.Builder leakLease(FakeBinary.Builder cli) {
        return cli.printVariable(CliBoundaryApi.TOKEN_VARIABLE);
    }

    /** Every read an action makes before its main call; the main calls of scopes and sessions (and the writes'
     * after their reads) reach the leaking fake. */
    @Override
    protected FakeBinary.Builder answerReads(FakeBinary.Builder cli) {
        return cli.answer(List.of("targets", "read"), cliItem("target.json"))
                .answer(List.of("targets", "list"), cliItems("target.json", "target-redis.json"))
                .answer(List.of("roles", "read"), cliItem("role.json"))
                .answer(List.of("roles", "add-principals"), cliItem("role-with-principal.json"))
                .answer(List.of("sessions", "read"), cliItem("session.json"));
    }

    /** What boundary prints on stderr with -format json: an API error (exit 1) or a CLI error (exit 2). */
    @Override
    protected List<ExitSample> exitSamples() {
        return List.of(
                new ExitSample(1, cliApiError(404, "NotFound", "Resource not found."), ToolFailure.NOT_FOUND),
                new ExitSample(1, cliApiError(403, "PermissionDenied", "Forbidden."), ToolFailure.FORBIDDEN),
                new ExitSample(1, cliApiError(400, "FailedPrecondition",
                        "Version mismatch: the resource has been modified since it was read."), ToolFailure.CONFLICT),
                new ExitSample(1, cliApiError(500, "Internal", "Internal error."), ToolFailure.UNAVAILABLE),
                new ExitSample(2, "{\"error\":\"Error trying to perform request: dial tcp 127.0.0.1:9200: connect: "
                        + "connection refused\"}\n", ToolFailure.TOOL_FAILED));
    }

    @Override
    protected String probeAction() {
        return "target-get";
    }

    /** grant-access reads the role it would undo to: without the principal, so the inverse is revoke-access. */
    @Override
    protected Map<String, String> currentState() {
        return Map.of("grant-access", cliItem("role.json"));
    }

    @Override
    protected Map<String, ObjectNode> validArguments() {
        return Map.of(
                "scopes", json("{\"scope\": \"p_1234567890\"}"),
                "targets", json("{\"scope\": \"p_1234567890\"}"),
                "target-get", json("{\"target\": \"ttcp_1234567890\"}"),
                "sessions", json("{\"target\": \"ttcp_1234567890\"}"),
                "grant-access", json("{\"target\": \"ttcp_1234567890\", \"role\": \"r_1234567890\", \"principal\": \"u_1234567890\"}"),
                "revoke-access", json("{\"role\": \"r_1234567890\", \"principal\": \"u_1234567890\"}"),
                "session-cancel", json("{\"session\": \"s_1234567890\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"u_anon", "u_auth", "u_recovery", "-u_1234567890", "u_1234567890 ", "at_1234567890",
            "u_12345678901", "U_1234567890"})
    void shouldRefuseAPrincipalThatIsNotAUserOrGroupId(String principal) {
        ObjectNode args = json("{\"target\": \"ttcp_1234567890\", \"role\": \"r_1234567890\"}").put("principal", principal);

        assertThat(ArgumentSchemas.errors(adapter().action("grant-access").orElseThrow().descriptor().argumentSchema(),
                args)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"user\": \"u_1234567890\"}", "{}",
            "{\"target\": \"ttcp_1234567890\", \"user\": \"u_1234567890\", \"scope\": \"p_1234567890\"}",
            "{\"target\": \"ttcp_1234567890\", \"scope\": \"p_1234567890\"}"})
    void shouldRefuseSessionsWithoutExactlyOneOfTargetAndUser(String args) {
        assertThat(adapter().action("sessions").orElseThrow().argumentProblems(BoundaryTestSupport.call("sessions", args)))
                .isNotEmpty();
    }

    @Test
    void shouldDeclareTheWritesAndOnlyGrantAccessAsReversible() {
        ToolAdapter a = adapter();

        assertThat(a.actions()).extracting(x -> x.descriptor().name()).containsExactlyInAnyOrder("scopes", "targets",
                "target-get", "sessions", "grant-access", "revoke-access", "session-cancel");
        assertThat(a.actions()).filteredOn(x -> x.descriptor().actionClass().writes())
                .extracting(x -> x.descriptor().name())
                .containsExactlyInAnyOrder("grant-access", "revoke-access", "session-cancel");
        assertThat(a.actions()).filteredOn(x -> x.descriptor().reversible()).extracting(x -> x.descriptor().name())
                .containsExactly("grant-access");
    }

    @Test
    void shouldOfferOnlyHttpWhenNoBinaryIsOnThePath() {
        assertThat(adapter().availableTransports()).containsExactly(Transport.HTTP);
    }

    @Test
    void shouldRefuseAtPlanTimeATargetRoleOrScopeTheInventoryDoesNotDeclareNamingIt() {
        assertThat(adapter().action("grant-access").orElseThrow().targetProblems(BoundaryTestSupport.call("grant-access",
                "{\"target\": \"billing-db\", \"role\": \"r_0000000000\", \"principal\": \"u_1234567890\"}")))
                .containsExactly(
                        "target billing-db is not one of the environment's Boundary targets [redis-prod, ttcp_1234567890]",
                        "role r_0000000000 is not one of the environment's Boundary roles [r_1234567890]");
        assertThat(adapter().action("scopes").orElseThrow().targetProblems(BoundaryTestSupport.call("scopes",
                "{\"scope\": \"p_1234567890\"}", "dev"))).singleElement().asString().contains("dev", "Boundary");
    }
}
