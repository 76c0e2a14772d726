package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.transport.TransportMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmCliWritesTest {

    private static final String UPGRADE = "{\"namespace\": \"shop\", \"release\": \"web\", "
            + "\"chart\": \"oci://registry.example.com/charts/web\", \"version\": \"1.2.4\", "
            + "\"values\": {\"image\": {\"tag\": \"1.26\"}, \"db\": {\"password\": \"" + HelmReleases.DB_PASSWORD + "\"}}, "
            + "\"timeout_seconds\": 120}";

    @TempDir
    Path dir;

    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofMinutes(5));

    private ToolAction action(HelmFake fake, String name) {
        return HelmWorld.adapter(fake.bin(), null, TransportMode.AUTO).action(name).orElseThrow();
    }

    private static String release(int version) {
        return HelmReleases.release("web", "shop", version, "deployed", "1.2." + version).toString();
    }

    @Test
    void shouldUpgradeWithExactArgvAndValuesInAPrivateFileThatIsGoneAfterwards() throws Exception {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3)).on("upgrade", release(4))
                .build();

        ToolResult result = action(fake, "upgrade").execute(HelmCliReadsTest.call("upgrade", UPGRADE), ctx);

        List<FakeBinary.Invocation> calls = fake.calls();
        assertThat(calls).hasSize(2);
        List<String> args = calls.get(1).args();
        String valuesFile = args.get(args.indexOf("-f") + 1);
        assertThat(args).containsExactly("upgrade", "--install", "web", "oci://registry.example.com/charts/web",
                "--kube-context", "prod-ctx", "--namespace", "shop", "--version", "1.2.4", "--wait", "--atomic",
                "--timeout", "120s", "-f", valuesFile, "-o", "json");
        assertThat(Path.of(valuesFile).getFileName()).hasToString("values.json");
        assertThat(fake.valuesMode()).isEqualTo("600");
        assertThat(HelmReleases.JSON.readTree(fake.valuesSeen()).at("/image/tag").asText()).isEqualTo("1.26");
        assertThat(Files.exists(Path.of(valuesFile))).isFalse();
        assertThat(String.join(" ", args)).doesNotContain(HelmReleases.DB_PASSWORD, HelmWorld.KUBE_TOKEN);
        assertThat(calls.get(1).env()).containsKey("KUBECONFIG");
        assertThat(result.externalIds()).containsEntry("revision", "3->4").containsEntry("chart", "web-1.2.4");
        assertThat(result.data().at("/status").asText()).isEqualTo("deployed");
        assertThat(result.output()).doesNotContain(HelmReleases.DB_PASSWORD);
    }

    @Test
    void shouldRecordARollbackToTheDeployedRevisionAsTheUpgradesInverse() {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3)).build();

        Optional<ToolCall> inverse = action(fake, "upgrade").captureInverse(HelmCliReadsTest.call("upgrade", UPGRADE), ctx);

        assertThat(inverse).hasValueSatisfying(c -> {
            assertThat(c.qualifiedName()).isEqualTo("helm.rollback");
            assertThat(c.args().toString()).isEqualTo(
                    "{\"namespace\":\"shop\",\"release\":\"web\",\"revision\":3,\"timeout_seconds\":120}");
            assertThat(c.environment()).isEqualTo(HelmWorld.ENV);
        });
        assertThat(fake.calls().get(0).args()).containsExactly("history", "web", "--kube-context", "prod-ctx",
                "--namespace", "shop", "-o", "json", "--max", "20");
    }

    @Test
    void shouldHaveNoInverseForAFirstInstall() {
        HelmFake fake = HelmFake.builder(dir).on("history", "", "Error: release: not found\n", 1)
                .on("upgrade", release(1)).build();
        ToolAction upgrade = action(fake, "upgrade");

        assertThat(upgrade.captureInverse(HelmCliReadsTest.call("upgrade", UPGRADE), ctx)).isEmpty();
        assertThat(upgrade.execute(HelmCliReadsTest.call("upgrade", UPGRADE), ctx).externalIds())
                .containsEntry("revision", "none->1");
    }

    @Test
    void shouldFailAnUpgradeWithTheMappedCodeAndEvidence() {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3))
                .on("upgrade", "", "Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress\n", 1)
                .build();

        assertThatThrownBy(() -> action(fake, "upgrade").execute(HelmCliReadsTest.call("upgrade", UPGRADE), ctx))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("conflict");
                    assertThat(e.partial()).hasValueSatisfying(p -> {
                        assertThat(p.exitCode()).isEqualTo(1);
                        assertThat(p.command()).contains("upgrade", "--atomic");
                        assertThat(p.output()).contains("another operation");
                    });
                });
    }

    @Test
    void shouldRollBackThenReportTheNewRevision() {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 4))
                .on("rollback", "Rollback was a success! Happy Helming!\n").on("status", release(5)).build();

        ToolResult result = action(fake, "rollback").execute(HelmCliReadsTest.call("rollback",
                "{\"namespace\": \"shop\", \"release\": \"web\", \"revision\": 3, \"timeout_seconds\": 90}"), ctx);

        assertThat(fake.calls().get(1).args()).containsExactly("rollback", "web", "3", "--kube-context", "prod-ctx",
                "--namespace", "shop", "--wait", "--timeout", "90s");
        assertThat(fake.calls().get(2).args()).containsExactly("status", "web", "--kube-context", "prod-ctx",
                "--namespace", "shop", "-o", "json");
        assertThat(result.externalIds()).containsEntry("revision", "4->5");
        assertThat(result.data().at("/restoredRevision").asInt()).isEqualTo(3);
        assertThat(result.data().at("/status").asText()).isEqualTo("deployed");
    }

    @Test
    void shouldRecordARollbackToTheRevisionDeployedBeforeAsTheRollbacksInverse() {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 4)).build();

        Optional<ToolCall> inverse = action(fake, "rollback").captureInverse(HelmCliReadsTest.call("rollback",
                "{\"namespace\": \"shop\", \"release\": \"web\", \"revision\": 2}"), ctx);

        assertThat(inverse).hasValueSatisfying(c -> assertThat(c.args().get("revision").asInt()).isEqualTo(4));
    }

    @Test
    void shouldRefuseWritesWithoutTheHelmBinaryNamingIt() {
        ToolAction upgrade = HelmWorld.adapter(null, "https://prod.example.internal:6443", TransportMode.AUTO)
                .action("upgrade").orElseThrow();

        assertThatThrownBy(() -> upgrade.execute(HelmCliReadsTest.call("upgrade", UPGRADE), ctx))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("transport_unavailable");
                    assertThat(e.getMessage()).contains("install helm");
                });
    }
}
