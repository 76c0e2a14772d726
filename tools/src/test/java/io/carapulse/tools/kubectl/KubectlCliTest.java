package io.carapulse.tools.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.kubectl.internal.KubeJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CLI transport against a recording fake kubectl: exact argv, injected targets, lease, failures. */
class KubectlCliTest {

    private static final List<String> TARGET = List.of("--context", "prod-ctx", "-n", "web");

    @TempDir
    Path dir;

    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofSeconds(30));

    static String resource(String name) {
        try (InputStream in = KubectlCliTest.class.getResourceAsStream("/kubectl/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path binDir;

    private FakeBinary fake(String stdout) {
        return remember(FakeBinary.builder(dir.resolve("bin"), "kubectl").stdout(stdout).exitCode(0).build());
    }

    private FakeBinary remember(FakeBinary fake) {
        binDir = fake.directory();
        return fake;
    }

    private ToolResult run(String action, String args) {
        return KubectlFixture.cli(binDir).action(action)
                .execute(KubectlFixture.call(action, KubectlFixture.json(args)), ctx);
    }

    private static List<String> argv(String... verb) {
        return new java.util.ArrayList<>(TARGET) {{ addAll(List.of(verb)); }};
    }

    @Test
    void getShouldRunKubectlGetAsJsonWithContextAndNamespaceInjected() {
        FakeBinary kubectl = fake(resource("deployment-web.json"));

        ToolResult result = run("get", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}");

        assertThat(kubectl.recorded()).extracting(FakeBinary.Invocation::args)
                .containsExactly(argv("get", "deployment", "web", "-o", "json"));
        assertThat(result.transport()).isEqualTo(Transport.CLI);
        assertThat(result.data().at("/status/readyReplicas").asInt()).isEqualTo(3);
        assertThat(result.externalIds()).containsEntry("uid", "6f1c2a4e-2f0b-4a8e-9d55-0c3f1b7a9e11");
    }

    @Test
    void getOfAConfigmapShouldKeepItsKeysButNotItsValues() {
        fake(resource("configmap-app.json"));

        ToolResult result = run("get", "{\"namespace\": \"web\", \"kind\": \"configmap\", \"name\": \"app\"}");

        assertThat(result.data().get("dataKeys")).hasSize(2);
        assertThat(result.data().has("data")).isFalse();
        assertThat(result.output()).contains("DB_URL", "LOG_LEVEL").doesNotContain("hunter2-canary", "info\"");
    }

    @Test
    void everyActionShouldBuildItsExactArgv() {
        FakeBinary kubectl = fake(resource("deployment-web.json"));

        run("rollout-status", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\", \"timeoutSeconds\": 90}");
        run("scale", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\", \"replicas\": 3}");
        run("rollout-restart", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}");
        run("logs", "{\"namespace\": \"web\", \"pod\": \"web-7d4b9-abcde\", \"container\": \"web\"}");
        run("logs", "{\"namespace\": \"web\", \"deployment\": \"web\", \"tail\": 5000, \"sinceSeconds\": 600}");
        run("rollout-undo", "{\"namespace\": \"web\", \"name\": \"web\", \"toRevision\": 4}");
        run("describe", "{\"namespace\": \"web\", \"kind\": \"hpa\", \"name\": \"web\"}");

        assertThat(kubectl.recorded()).extracting(FakeBinary.Invocation::args).containsExactly(
                argv("rollout", "status", "deployment/web", "--timeout=90s"),
                argv("get", "deployment", "web", "-o", "json"),
                argv("get", "deployment", "web", "-o", "json"),
                argv("scale", "deployment/web", "--replicas=3"),
                argv("get", "deployment", "web", "-o", "json"),
                argv("get", "deployment", "web", "-o", "json"),
                argv("rollout", "restart", "deployment/web"),
                argv("get", "deployment", "web", "-o", "json"),
                argv("logs", "pod/web-7d4b9-abcde", "--tail=200", "--since=3600s", "--container=web"),
                argv("logs", "deployment/web", "--tail=5000", "--since=600s"),
                argv("get", "deployment", "web", "-o", "json"),
                argv("rollout", "undo", "deployment/web", "--to-revision=4"),
                argv("get", "deployment", "web", "-o", "json"),
                argv("describe", "hpa", "web"));
    }

    @Test
    void patchShouldPassTheWholePatchAsOneArgument() {
        FakeBinary kubectl = fake(resource("deployment-web.json"));

        ToolResult result = run("patch", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\", "
                + "\"patch\": {\"spec\": {\"template\": {\"metadata\": {\"annotations\": {\"note\": \"--all; $(id) x\"}}}}}}");

        assertThat(kubectl.recorded()).extracting(FakeBinary.Invocation::args).containsExactly(
                argv("get", "deployment", "web", "-o", "json"),
                argv("patch", "deployment", "web", "--type=strategic",
                        "--patch={\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"note\":\"--all; $(id) x\"}}}}}"),
                argv("get", "deployment", "web", "-o", "json"));
        assertThat(result.externalIds()).containsKeys("resourceVersion.before", "resourceVersion.after");
    }

    @Test
    void eventsShouldSelectTheObjectByFieldSelectorAsOneArgument() {
        FakeBinary kubectl = fake("{\"kind\":\"List\",\"items\":[{\"type\":\"Normal\",\"reason\":\"ScalingReplicaSet\","
                + "\"message\":\"Scaled up\",\"lastTimestamp\":\"2026-11-24T10:00:00Z\","
                + "\"involvedObject\":{\"kind\":\"Deployment\",\"name\":\"web\"}}]}");

        ToolResult result = run("events", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}");

        assertThat(kubectl.recorded().get(0).args()).isEqualTo(argv("get", "events", "-o", "json",
                "--field-selector=involvedObject.kind=Deployment,involvedObject.name=web"));
        assertThat(result.data().at("/count").asInt()).isEqualTo(1);
        assertThat(result.data().at("/items/0/reason").asText()).isEqualTo("ScalingReplicaSet");
    }

    @Test
    void rolloutStatusShouldReportReplicaCountsForVerify() {
        fake(resource("deployment-web.json"));

        ToolResult result = run("rollout-status", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}");

        assertThat(result.data().get("ready").asBoolean()).isTrue();
        assertThat(result.data().get("readyReplicas").asInt()).isEqualTo(3);
        assertThat(result.data().get("generation").asInt()).isEqualTo(7);
    }

    @Test
    void scaleShouldRecordResourceVersionAndGenerationBeforeAndAfter() {
        fake(resource("deployment-web.json"));

        ToolResult result = run("scale", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\", \"replicas\": 3}");

        assertThat(result.externalIds()).containsEntry("kind", "Deployment").containsEntry("name", "web")
                .containsEntry("resourceVersion.before", "48213").containsEntry("resourceVersion.after", "48213")
                .containsEntry("generation.before", "7").containsKey("generation.after");
        assertThat(result.data().at("/before/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void captureInverseShouldReturnAScaleToTheReplicasReadNow() {
        FakeBinary kubectl = fake(resource("deployment-web.json"));
        ToolCall call = KubectlFixture.call("scale", KubectlFixture.json(
                "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\", \"replicas\": 10}"));

        ToolCall inverse = KubectlFixture.cli(kubectl.directory()).action("scale").captureInverse(call, ctx).orElseThrow();

        assertThat(inverse.args().get("replicas").asInt()).isEqualTo(3);
        assertThat(inverse.args().get("name").asText()).isEqualTo("web");
        assertThat(kubectl.recorded()).extracting(FakeBinary.Invocation::args)
                .containsExactly(argv("get", "deployment", "web", "-o", "json"));
    }

    @Test
    void theKubeconfigShouldBeALeasedFileNamedByKubeconfigAndGoneAfterTheCall() {
        FakeBinary kubectl = fake(resource("deployment-web.json"));

        run("get", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}");

        FakeBinary.Invocation call = kubectl.recorded().get(0);
        assertThat(call.env()).containsKey("KUBECONFIG");
        assertThat(Path.of(call.env().get("KUBECONFIG"))).doesNotExist();
        assertThat(String.join(" ", call.argv())).doesNotContain(KubectlFixture.KUBECONFIG_TOKEN, KubectlFixture.TOKEN,
                "kubeconfig", "--token");
        assertThat(call.env().values()).noneMatch(v -> v.contains(KubectlFixture.KUBECONFIG_TOKEN));
    }

    @Test
    void aNamespaceOutsideTheInventoryShouldBeRefusedAtPlanTimeAndAtExecute() {
        FakeBinary kubectl = fake("{}");
        KubectlFixture f = KubectlFixture.cli(kubectl.directory());
        ToolCall call = KubectlFixture.call("get", KubectlFixture.json(
                "{\"namespace\": \"kube-system\", \"kind\": \"pod\"}"));

        assertThat(f.action("get").targetProblems(call)).singleElement().asString().contains("kube-system");
        assertThatThrownBy(() -> f.action("get").execute(call, ctx)).isInstanceOf(ToolException.class)
                .extracting(e -> ((ToolException) e).code()).isEqualTo("target_not_allowed");
        assertThat(kubectl.recorded()).isEmpty();
    }

    @Test
    void optionLikeOrShellNamesShouldBeRefusedInCodeEvenWithoutTheSchema() {
        FakeBinary kubectl = fake("{}");
        KubectlFixture f = KubectlFixture.cli(kubectl.directory());

        for (String name : new String[]{"--all", "-A", "web;rm -rf /"}) {
            ObjectNode args = KubectlFixture.json("{\"namespace\": \"web\", \"kind\": \"deployment\", \"replicas\": 1}");
            args.put("name", name);
            assertThatThrownBy(() -> f.action("scale").execute(KubectlFixture.call("scale", args), ctx))
                    .as(name).isInstanceOf(ToolException.class)
                    .extracting(e -> ((ToolException) e).code()).isEqualTo("invalid_arguments");
        }
        assertThat(kubectl.recorded()).isEmpty();
    }

    @Test
    void aFailedKubectlShouldBeAToolExceptionWithTheMappedCodeAndEvidence() {
        remember(FakeBinary.builder(dir.resolve("bin"), "kubectl")
                .stderr("Error from server (NotFound): deployments.apps \"web\" not found\n").exitCode(1).build());

        assertThatThrownBy(() -> run("get", "{\"namespace\": \"web\", \"kind\": \"deployment\", \"name\": \"web\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("not_found");
                    ToolResult evidence = e.partial().orElseThrow();
                    assertThat(evidence.exitCode()).isEqualTo(1);
                    assertThat(evidence.output()).contains("NotFound");
                    assertThat(evidence.command()).containsSubsequence("--context", "prod-ctx", "-n", "web");
                });
    }

    @Test
    void theKubeconfigTokenAndABearerTokenPrintedByKubectlShouldBeRedacted() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("canary"));
        Path script = bin.resolve("kubectl");
        Files.writeString(script, """
                #!/bin/bash
                echo "mode $(stat -c %%a "$KUBECONFIG")"
                echo "leaked $(grep token: "$KUBECONFIG" | sed 's/.*token: //')"
                echo "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYXJhcHVsc2UifQ.c2lnbmF0dXJl"
                echo "Scaled" >&2
                """.formatted());
        script.toFile().setExecutable(true);
        KubectlFixture f = KubectlFixture.cli(bin);

        ToolResult result = f.action("logs").execute(KubectlFixture.call("logs",
                KubectlFixture.json("{\"namespace\": \"web\", \"pod\": \"web-1\"}")), ctx);

        assertThat(result.output()).contains("mode 600").contains("leaked [REDACTED]")
                .doesNotContain(KubectlFixture.KUBECONFIG_TOKEN).doesNotContain("eyJzdWIiOiJjYXJhcHVsc2UifQ");
        assertThat(ctx.lines()).isNotEmpty().noneMatch(l -> l.contains(KubectlFixture.KUBECONFIG_TOKEN)
                || l.contains("eyJzdWIiOiJjYXJhcHVsc2UifQ"));
    }
}
