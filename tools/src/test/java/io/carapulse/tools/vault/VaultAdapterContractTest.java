package io.carapulse.tools.vault;

import static io.carapulse.tools.vault.VaultTestSupport.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.contract.ToolFamilyContract;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The vault adapter keeps the declaration contract and the behavioural one against a recording fake
 * {@code vault}, with a WireMock Vault for the server's login and the child token each CLI call gets.
 */
class VaultAdapterContractTest extends ToolFamilyContract {

    private static final WireMockServer VAULT = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @TempDir
    Path emptyPath;

    private final ProcessRunner runner = new ProcessRunner();

    @BeforeAll
    static void startVault() {
        VAULT.start();
        VaultTestSupport.stubAuth(VAULT);
    }

    @AfterAll
    static void stopVault() {
        VAULT.stop();
    }

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    @Override
    protected ToolAdapter adapter() {
        return VaultTestSupport.adapter(VaultTestSupport.address(VAULT), emptyPath, runner);
    }

    @Override
    protected String binaryName() {
        return VaultRuntime.TOOL;
    }

    @Override
    protected ToolAdapter adapterWithCli(Path binDirectory) {
        return VaultTestSupport.adapter(VaultTestSupport.address(VAULT), binDirectory, runner);
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
        String other = "{\"leaseId\": \"aws/creds/admin/Zx81\"}";
        return Map.of(
                "kv-list", json("{\"mount\": \"kv-admin\", \"path\": \"app/\"}"),
                "kv-metadata", json("{\"mount\": \"secret\", \"path\": \"billing/db\"}"),
                "kv-rollback", json("{\"mount\": \"secret\", \"path\": \"billing/db\", \"version\": 2}"),
                "lease-lookup", json(other),
                "lease-renew", json(other),
                "lease-revoke", json(other),
                "lease-revoke-prefix", json("{\"prefix\": \"database/creds/\"}"),
                "db-rotate-role", json("{\"mount\": \"database\", \"role\": \"admin-static\"}"));
    }

    /** A prefix that only looks like an allowed one, and a mount that is not the role's. */
    @Override
    protected Map<String, List<ObjectNode>> moreOutsideInventory() {
        return Map.of(
                "kv-list", List.of(json("{\"mount\": \"secret\", \"path\": \"application/\"}"),
                        json("{\"mount\": \"secret\", \"path\": \"app-admin\"}")),
                "lease-revoke", List.of(json("{\"leaseId\": \"database/creds/application/x1\"}")),
                "db-rotate-role", List.of(json("{\"mount\": \"db-other\", \"role\": \"app-static\"}")));
    }

    @Override
    protected Set<String> actionsWithoutTargets() {
        return Set.of("status", "audit-devices");
    }

    @Override
    protected Set<String> leaseSecrets() {
        return Set.of(VaultTestSupport.CHILD_TOKEN, VaultTestSupport.SERVER_TOKEN, VaultTestSupport.ROLE_ID,
                VaultTestSupport.SECRET_ID);
    }

    /** vault printing its token variable, as a debug or {@code env} would. */
    @Override
    protected FakeBinary.Builder leakLease(FakeBinary.Builder cli) {
        return cli.printVariable("VAULT_TOKEN");
    }

    /** What the vault CLI prints on stderr when the API refuses (exit 1) or a usage error (exit 2). */
    @Override
    protected List<ExitSample> exitSamples() {
        return List.of(
                new ExitSample(2, "No value found at secret/metadata/app\n", ToolFailure.NOT_FOUND),
                new ExitSample(1, apiError("GET", "secret/metadata/app?list=true", 403, "permission denied"),
                        ToolFailure.FORBIDDEN),
                new ExitSample(1, apiError("GET", "secret/metadata/app?list=true", 503, "Vault is sealed"),
                        ToolFailure.UNAVAILABLE),
                new ExitSample(1, apiError("GET", "secret/metadata/app?list=true", 500, "internal error"),
                        ToolFailure.TOOL_FAILED),
                new ExitSample(2, "Too many arguments (expected 1, got 2)\n", ToolFailure.INVALID_ARGUMENTS));
    }

    static String apiError(String method, String path, int code, String error) {
        return "Error listing " + path + ": Error making API request.\n\nURL: " + method
                + " https://vault.example.com:8200/v1/" + path + "\nCode: " + code + ". Errors:\n\n* " + error + "\n";
    }

    @Override
    protected String probeAction() {
        return "kv-list";
    }

    @Override
    protected Map<String, String> currentState() {
        return Map.of("kv-rollback", VaultTestSupport.fixture("kv-metadata.json"));
    }

    @Override
    protected Map<String, ObjectNode> validArguments() {
        return VaultTestSupport.validArguments();
    }
}
