package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.transport.TransportMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmCliReadsTest {

    private static final String LIST = "[{\"name\":\"web\",\"namespace\":\"shop\",\"revision\":\"4\","
            + "\"updated\":\"2024-05-04 11:00:00.5 +0000 UTC\",\"status\":\"deployed\",\"chart\":\"web-1.2.4\","
            + "\"app_version\":\"2.0.4\"}]\n";

    @TempDir
    Path dir;

    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofSeconds(30));

    private ToolResult run(HelmFake fake, String action, String args) {
        return HelmWorld.adapter(fake.bin(), null, TransportMode.AUTO).action(action).orElseThrow()
                .execute(call(action, args), ctx);
    }

    static ToolCall call(String action, String args) {
        try {
            return new ToolCall("helm", action, (ObjectNode) HelmReleases.JSON.readTree(args), HelmWorld.ENV);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void shouldListReleasesWithTheInjectedContextAndNamespace() {
        HelmFake fake = HelmFake.builder(dir).on("list", LIST).build();

        ToolResult result = run(fake, "list", "{\"namespace\": \"shop\"}");

        FakeBinary.Invocation call = fake.calls().get(0);
        assertThat(call.args()).containsExactly("list", "--kube-context", "prod-ctx", "--namespace", "shop", "-o", "json");
        assertThat(result.transport()).isEqualTo(Transport.CLI);
        assertThat(result.data().at("/releases/0").toString()).isEqualTo("{\"release\":\"web\",\"namespace\":\"shop\","
                + "\"revision\":4,\"status\":\"deployed\",\"chart\":\"web\",\"chartVersion\":\"1.2.4\",\"appVersion\":\"2.0.4\","
                + "\"updated\":\"2024-05-04 11:00:00.5 +0000 UTC\"}");
    }

    @Test
    void shouldHandHelmTheKubeconfigOnlyThroughAnEnvironmentFileThatIsGoneAfterwards() {
        HelmFake fake = HelmFake.builder(dir).on("list", LIST).build();

        run(fake, "list", "{\"namespace\": \"shop\"}");

        FakeBinary.Invocation call = fake.calls().get(0);
        String kubeconfig = call.env().get("KUBECONFIG");
        assertThat(kubeconfig).isNotNull();
        assertThat(Files.exists(Path.of(kubeconfig))).isFalse();
        assertThat(String.join(" ", call.argv())).doesNotContain(HelmWorld.KUBE_TOKEN, "kubeconfig");
    }

    @Test
    void shouldShowTheNewestRevisionWithoutStoringTheReleasesValuesOrManifest() {
        String status = HelmReleases.release("web", "shop", 4, "deployed", "1.2.4").toString();
        HelmFake fake = HelmFake.builder(dir).on("status", status).build();

        ToolResult result = run(fake, "status", "{\"namespace\": \"shop\", \"release\": \"web\"}");

        assertThat(fake.calls().get(0).args()).containsExactly("status", "web", "--kube-context", "prod-ctx",
                "--namespace", "shop", "-o", "json");
        assertThat(result.data().at("/status").asText()).isEqualTo("deployed");
        assertThat(result.data().at("/revision").asInt()).isEqualTo(4);
        assertThat(result.externalIds()).containsEntry("revision", "4").containsEntry("chart", "web-1.2.4");
        assertThat(result.output()).doesNotContain(HelmReleases.DB_PASSWORD, "aHVudGVyMg==");
        assertThat(ctx.lines()).noneMatch(l -> l.contains(HelmReleases.DB_PASSWORD));
    }

    @Test
    void shouldListTheLastTwentyRevisions() {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3)).build();

        ToolResult result = run(fake, "history", "{\"namespace\": \"shop\", \"release\": \"web\"}");

        assertThat(fake.calls().get(0).args()).containsExactly("history", "web", "--kube-context", "prod-ctx",
                "--namespace", "shop", "-o", "json", "--max", "20");
        assertThat(result.data().at("/revisions").size()).isEqualTo(3);
        assertThat(result.data().at("/revisions/0/status").asText()).isEqualTo("superseded");
        assertThat(result.data().at("/status").asText()).isEqualTo("deployed");
        assertThat(result.externalIds()).containsEntry("revision", "3");
    }

    @Test
    void shouldReadValuesOfARevisionWithSecretsMasked() {
        HelmFake fake = HelmFake.builder(dir).on("get", "{\"db\":{\"dbPassword\":\"" + HelmReleases.DB_PASSWORD
                + "\",\"host\":\"db.shop\"},\"image\":{\"tag\":\"1.26\"}}\n").build();

        ToolResult result = run(fake, "get-values", "{\"namespace\": \"shop\", \"release\": \"web\", \"revision\": 3, \"all\": true}");

        assertThat(fake.calls().get(0).args()).containsExactly("get", "values", "web", "--kube-context", "prod-ctx",
                "--namespace", "shop", "-o", "json", "--revision", "3", "--all");
        assertThat(result.data().at("/values/image/tag").asText()).isEqualTo("1.26");
        assertThat(result.data().at("/values/db/dbPassword").asText()).isEqualTo("[REDACTED]");
        assertThat(result.output() + ctx.lines()).doesNotContain(HelmReleases.DB_PASSWORD);
    }

    @Test
    void shouldMaskTheKubeconfigTokenAndBearerTokensHelmPrints() {
        String leak = "token " + HelmWorld.KUBE_TOKEN + "\nAuthorization: Bearer abcdefghij0123456789\n";
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 1), leak, 0).build();

        ToolResult result = run(fake, "history", "{\"namespace\": \"shop\", \"release\": \"web\"}");

        assertThat(result.output()).contains("[REDACTED]").doesNotContain(HelmWorld.KUBE_TOKEN, "abcdefghij0123456789");
        assertThat(ctx.lines()).isNotEmpty().noneMatch(l -> l.contains(HelmWorld.KUBE_TOKEN)
                || l.contains("abcdefghij0123456789"));
    }

    @Test
    void shouldReportAMissingReleaseAsNotFoundWithEvidence() {
        HelmFake fake = HelmFake.builder(dir).on("status", "", "Error: release: not found\n", 1).build();

        assertThatThrownBy(() -> run(fake, "status", "{\"namespace\": \"shop\", \"release\": \"web\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.partial()).hasValueSatisfying(p -> assertThat(p.exitCode()).isEqualTo(1));
                });
    }

    @Test
    void shouldRefuseANamespaceOutsideTheEnvironmentWithoutRunningHelm() {
        HelmFake fake = HelmFake.builder(dir).on("list", LIST).build();

        assertThatThrownBy(() -> run(fake, "list", "{\"namespace\": \"kube-system\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("target_not_allowed"));
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void shouldRefuseAReleaseNameThatLooksLikeAnOptionEvenIfValidationWasSkipped() {
        HelmFake fake = HelmFake.builder(dir).on("status", "{}").build();

        assertThatThrownBy(() -> run(fake, "status", "{\"namespace\": \"shop\", \"release\": \"--post-renderer\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("invalid_arguments"));
        assertThat(fake.calls()).isEmpty();
    }
}
