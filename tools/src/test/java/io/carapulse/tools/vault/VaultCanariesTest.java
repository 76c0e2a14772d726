package io.carapulse.tools.vault;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.carapulse.tools.vault.VaultTestSupport.CHILD_TOKEN;
import static io.carapulse.tools.vault.VaultTestSupport.KV_VALUE;
import static io.carapulse.tools.vault.VaultTestSupport.SECRET_ID;
import static io.carapulse.tools.vault.VaultTestSupport.SERVER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S4 for Vault: a fake CLI printing a KV value (what {@code vault kv get -format=json} prints), a token and a
 * secret id, on success and on failure, for every action: none of them reaches a result, an error, its
 * evidence or the live events. READ actions in particular can never return a KV value.
 */
class VaultCanariesTest {

    /** {@code vault kv get -format=json secret/app/db} as Vault 1.15 prints it, with canaries inside. */
    private static final String KV_GET = """
            {
              "request_id": "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
              "lease_id": "",
              "lease_duration": 0,
              "renewable": false,
              "data": {
                "data": {
                  "password": "%s",
                  "secret_id": "%s",
                  "token": "%s"
                },
                "metadata": {
                  "created_time": "2024-11-19T14:30:00.000001Z",
                  "custom_metadata": {"note": "%s"},
                  "deletion_time": "",
                  "destroyed": false,
                  "version": 2
                }
              },
              "keys": ["%s"],
              "lease_duration_seconds": "%s",
              "warnings": ["%s"]
            }
            """.formatted(KV_VALUE, SECRET_ID, SERVER_TOKEN, KV_VALUE, KV_VALUE, KV_VALUE, KV_VALUE);

    @TempDir
    Path dir;

    private final WireMockServer vault = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final ProcessRunner runner = new ProcessRunner();

    @BeforeEach
    void start() {
        vault.start();
        VaultTestSupport.stubAuth(vault);
    }

    @AfterEach
    void stop() {
        vault.stop();
        runner.close();
    }

    @Test
    void noReadActionShouldReturnAKvValueEvenWhenTheCliPrintsOne() {
        FakeBinary fake = FakeBinary.builder(dir, "vault").stdout(KV_GET).printVariable("VAULT_TOKEN").build();
        VaultAdapter adapter = VaultTestSupport.adapter(VaultTestSupport.address(vault), fake.directory(), runner);

        List<String> surfaced = new ArrayList<>();
        int reads = 0;
        for (ToolAction action : adapter.actions()) {
            if (action.descriptor().actionClass() != ActionClass.READ) {
                continue;
            }
            reads++;
            surfaced.addAll(leaks(action, "read"));
        }

        assertThat(reads).isEqualTo(5);
        assertThat(fake.printedLeases()).contains(CHILD_TOKEN);
        assertThat(surfaced).isEmpty();
    }

    @Test
    void noActionShouldSurfaceAKvValueATokenOrASecretIdOnSuccess() {
        FakeBinary fake = FakeBinary.builder(dir, "vault").stdout(KV_GET).printVariable("VAULT_TOKEN").build();
        VaultAdapter adapter = VaultTestSupport.adapter(VaultTestSupport.address(vault), fake.directory(), runner);

        List<String> surfaced = new ArrayList<>();
        adapter.actions().forEach(a -> surfaced.addAll(leaks(a, "success")));

        assertThat(fake.recorded()).hasSizeGreaterThanOrEqualTo(adapter.actions().size());
        assertThat(surfaced).isEmpty();
    }

    @Test
    void noActionShouldSurfaceThemWhenTheCommandFailsAfterPrintingThem() {
        FakeBinary fake = FakeBinary.builder(dir, "vault").stdout(KV_GET).printVariable("VAULT_TOKEN")
                .stderr("Error writing data to secret/data/app/db: Error making API request.\n\nCode: 400. Errors:\n\n"
                        + "* check-and-set parameter did not match the current version\n")
                .exitCode(1).build();
        VaultAdapter adapter = VaultTestSupport.adapter(VaultTestSupport.address(vault), fake.directory(), runner);

        List<String> surfaced = new ArrayList<>();
        int failed = 0;
        for (ToolAction action : adapter.actions()) {
            surfaced.addAll(leaks(action, "failure"));
            failed++;
        }

        assertThat(failed).isEqualTo(10);
        assertThat(surfaced).isEmpty();
    }

    /** Runs {@code action} with its valid arguments and lists every place a canary surfaced. */
    private List<String> leaks(ToolAction action, String what) {
        String name = action.descriptor().name();
        RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofSeconds(30));
        StringBuilder seen = new StringBuilder();
        try {
            ToolResult result = action.execute(new ToolCall("vault", name,
                    VaultTestSupport.validArguments().get(name), "prod"), ctx);
            seen.append(render(result));
        } catch (ToolException e) {
            seen.append(e.getMessage()).append('\n');
            e.partial().ifPresent(p -> seen.append(render(p)));
        } catch (RetriableToolException e) {
            seen.append(e.getMessage()).append('\n');
            e.partial().ifPresent(p -> seen.append(render(p)));
        }
        seen.append(String.join("\n", ctx.lines()));
        List<String> found = new ArrayList<>();
        for (String canary : List.of(KV_VALUE, SECRET_ID, SERVER_TOKEN, CHILD_TOKEN)) {
            if (seen.indexOf(canary) >= 0) {
                found.add(name + " (" + what + ") surfaced " + canary);
            }
        }
        return found;
    }

    private static String render(ToolResult r) {
        return String.join(" ", r.command()) + "\n" + r.output() + "\n" + r.data() + "\n" + r.externalIds() + "\n";
    }
}
