package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.transport.TransportMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helm.upgrade} from the environment's declared chart sources: a private Helm configuration
 * in the call's lease (repositories file, repository cache, registry config), the repository index
 * fetched first, credentials never on argv nor in output, and every undeclared chart refused.
 */
class HelmChartSourcesTest {

    private static final String REPOSITORY_CONFIG = "HELM_REPOSITORY_CONFIG";
    private static final String REPOSITORY_CACHE = "HELM_REPOSITORY_CACHE";
    private static final String REGISTRY_CONFIG = "HELM_REGISTRY_CONFIG";

    @TempDir
    Path dir;

    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofMinutes(5));

    private static String args(String chart) {
        return "{\"namespace\": \"shop\", \"release\": \"web\", \"chart\": \"" + chart + "\", \"version\": \"1.2.4\", "
                + "\"timeout_seconds\": 120}";
    }

    private static String release() {
        return HelmReleases.release("web", "shop", 4, "deployed", "1.2.4").toString();
    }

    private ToolAction upgrade(HelmFake fake) {
        return HelmWorld.adapter(fake.bin(), null, TransportMode.AUTO).action("upgrade").orElseThrow();
    }

    private static void assertNoSecretIn(FakeBinary.Invocation call) {
        assertThat(String.join(" ", call.argv())).doesNotContain(HelmWorld.REPO_PASSWORD, HelmWorld.REGISTRY_PASSWORD);
        assertThat(call.env().values()).noneMatch(v -> v.contains(HelmWorld.REPO_PASSWORD)
                || v.contains(HelmWorld.REGISTRY_PASSWORD));
    }

    @Test
    void shouldFetchTheRepositoryIndexThenUpgradeWithAPrivateRepositoryConfiguration() throws Exception {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3))
                .on("repo", "...Successfully got an update from the \"internal\" chart repository\n")
                .on("upgrade", release()).build();

        ToolResult result = upgrade(fake).execute(HelmCliReadsTest.call("upgrade", args("internal/web")), ctx);

        List<FakeBinary.Invocation> calls = fake.calls();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0).env()).as("the history needs no chart source").doesNotContainKeys(REPOSITORY_CONFIG,
                REPOSITORY_CACHE, REGISTRY_CONFIG);
        assertThat(calls.get(1).args()).containsExactly("repo", "update", "internal");
        assertThat(calls.get(2).args()).containsExactly("upgrade", "--install", "web", "internal/web",
                "--kube-context", "prod-ctx", "--namespace", "shop", "--version", "1.2.4", "--wait", "--atomic",
                "--timeout", "120s", "-o", "json");
        String config = calls.get(1).env().get(REPOSITORY_CONFIG);
        String cache = calls.get(1).env().get(REPOSITORY_CACHE);
        Path lease = Path.of(config).getParent();
        assertThat(lease.getFileName().toString()).startsWith("carapulse-lease-");
        assertThat(Path.of(config).getFileName()).hasToString("repositories.yaml");
        assertThat(Path.of(cache)).isEqualTo(lease.resolve("repository-cache"));
        for (FakeBinary.Invocation call : calls.subList(1, 3)) {
            assertThat(call.env()).as("one lease for both processes").containsEntry(REPOSITORY_CONFIG, config)
                    .containsEntry(REPOSITORY_CACHE, cache).containsKey("KUBECONFIG").doesNotContainKey(REGISTRY_CONFIG);
            assertNoSecretIn(call);
        }

        HelmFake.Seen file = fake.seen("repo", REPOSITORY_CONFIG);
        assertThat(file.mode()).isEqualTo("600");
        assertThat(HelmReleases.JSON.readTree(file.content())).isEqualTo(HelmReleases.JSON.readTree("""
                {"apiVersion": "v1", "repositories": [{"name": "internal", "url": "https://charts.example.com/stable",
                 "username": "deploy", "password": "%s"}]}""".formatted(HelmWorld.REPO_PASSWORD)));
        assertThat(fake.seen("upgrade", REPOSITORY_CONFIG)).isEqualTo(file);
        assertThat(fake.seen("repo", REPOSITORY_CACHE)).isEqualTo(new HelmFake.Seen("700", ""));
        assertThat(fake.seen("upgrade", REPOSITORY_CACHE).content()).as("the index repo update fetched")
                .isEqualTo("internal-index.yaml\n");
        assertThat(lease).as("files, cache and lease directory removed after the call").doesNotExist();

        assertThat(result.externalIds()).containsEntry("chartRepository", "internal")
                .containsEntry("chartRepositoryUrl", "https://charts.example.com/stable")
                .containsEntry("chartVersion", "1.2.4").containsEntry("chart", "web-1.2.4")
                .containsEntry("revision", "3->4").doesNotContainKey("chartRegistry");
        assertThat(result.externalIds().values()).noneMatch(v -> v.contains(HelmWorld.REPO_PASSWORD)
                || v.contains("deploy"));
        assertThat(String.join(" ", result.command())).doesNotContain(HelmWorld.REPO_PASSWORD);
        assertThat(ctx.lines()).contains("...Successfully got an update from the \"internal\" chart repository");
    }

    @Test
    void shouldGiveAPrivateOciRegistryItsCredentialsOnlyInARegistryConfigFile() throws Exception {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3))
                .on("upgrade", release()).build();
        String chart = HelmWorld.OCI_PRIVATE + "/web";

        ToolResult result = upgrade(fake).execute(HelmCliReadsTest.call("upgrade", args(chart)), ctx);

        List<FakeBinary.Invocation> calls = fake.calls();
        assertThat(calls).extracting(c -> c.args().get(0)).containsExactly("history", "upgrade");
        FakeBinary.Invocation upgrade = calls.get(1);
        assertThat(upgrade.args()).containsExactly("upgrade", "--install", "web", chart, "--kube-context", "prod-ctx",
                "--namespace", "shop", "--version", "1.2.4", "--wait", "--atomic", "--timeout", "120s", "-o", "json");
        Path registryConfig = Path.of(upgrade.env().get(REGISTRY_CONFIG));
        assertThat(registryConfig.getFileName()).hasToString("registry-config.json");
        assertThat(upgrade.env()).doesNotContainKeys(REPOSITORY_CONFIG, REPOSITORY_CACHE);
        assertNoSecretIn(upgrade);
        HelmFake.Seen seen = fake.seen("upgrade", REGISTRY_CONFIG);
        assertThat(seen.mode()).isEqualTo("600");
        String auth = Base64.getEncoder().encodeToString(("robot:" + HelmWorld.REGISTRY_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(HelmReleases.JSON.readTree(seen.content())).isEqualTo(HelmReleases.JSON.readTree(
                "{\"auths\": {\"private.example.com:5000\": {\"auth\": \"" + auth + "\"}}}"));
        assertThat(registryConfig.getParent()).doesNotExist();
        assertThat(result.externalIds()).containsEntry("chartRegistry", HelmWorld.OCI_PRIVATE)
                .containsEntry("chartVersion", "1.2.4").doesNotContainKeys("chartRepository", "chartRepositoryUrl");
    }

    @Test
    void shouldPullFromAPublicSourceWithoutAnyCredentialFile() throws Exception {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3))
                .on("repo", "").on("upgrade", release()).build();

        upgrade(fake).execute(HelmCliReadsTest.call("upgrade", args(HelmWorld.OCI_PUBLIC + "/web")), ctx);
        upgrade(fake).execute(HelmCliReadsTest.call("upgrade", args("bitnami/web")), ctx);

        List<FakeBinary.Invocation> calls = fake.calls();
        assertThat(calls).extracting(c -> c.args().get(0)).containsExactly("history", "upgrade", "history", "repo",
                "upgrade");
        assertThat(calls.get(1).env()).doesNotContainKeys(REGISTRY_CONFIG, REPOSITORY_CONFIG, REPOSITORY_CACHE);
        assertThat(HelmReleases.JSON.readTree(fake.seen("repo", REPOSITORY_CONFIG).content())).isEqualTo(
                HelmReleases.JSON.readTree("{\"apiVersion\": \"v1\", \"repositories\": [{\"name\": \"bitnami\", "
                        + "\"url\": \"https://charts.bitnami.com/bitnami\"}]}"));
    }

    @Test
    void shouldMaskTheRepositoryPasswordWhereverHelmPrintsIt() {
        String pw = HelmWorld.REPO_PASSWORD;
        String b64 = Base64.getEncoder().encodeToString(("deploy:" + pw).getBytes(StandardCharsets.UTF_8));
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3))
                .on("repo", "fetching with password " + pw + "\nbasic credentials " + b64 + "\n",
                        "debug: " + pw + "\n", 0)
                .on("upgrade", "", "Error: UPGRADE FAILED: pulling internal/web as deploy:" + pw + " failed\n", 1)
                .build();

        assertThatThrownBy(() -> upgrade(fake).execute(HelmCliReadsTest.call("upgrade", args("internal/web")), ctx))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain(pw).contains("[REDACTED]");
                    assertThat(e.partial()).hasValueSatisfying(p -> {
                        assertThat(p.output()).doesNotContain(pw).contains("[REDACTED]");
                        assertThat(String.join(" ", p.command())).doesNotContain(pw);
                    });
                });
        assertThat(ctx.lines()).isNotEmpty().noneMatch(l -> l.contains(pw) || l.contains(b64));
        assertThat(ctx.lines()).contains("fetching with password [REDACTED]");
    }

    @Test
    void shouldFailWithTheUpdatesEvidenceWhenTheIndexCouldNotBeFetchedAsHelm3ReportsIt() {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3))
                .on("repo", "Hang tight while we grab the latest from your chart repositories...\n"
                        + "...Unable to get an update from the \"internal\" chart repository "
                        + "(https://charts.example.com/stable):\n\tfailed to fetch "
                        + "https://charts.example.com/stable/index.yaml : 401 Unauthorized\n"
                        + "Update Complete. ⎈Happy Helming!⎈\n")
                .on("upgrade", release()).withoutIndex().build();

        assertThatThrownBy(() -> upgrade(fake).execute(HelmCliReadsTest.call("upgrade", args("internal/web")), ctx))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("unauthenticated");
                    assertThat(e.getMessage()).contains("chart repository internal (https://charts.example.com/stable)",
                            "401 Unauthorized");
                    assertThat(e.partial()).hasValueSatisfying(p -> {
                        assertThat(p.command()).endsWith("repo", "update", "internal");
                        assertThat(p.exitCode()).isZero();
                        assertThat(p.output()).contains("Unable to get an update");
                    });
                });
        assertThat(fake.calls()).extracting(c -> c.args().get(0)).as("helm upgrade never ran")
                .containsExactly("history", "repo");
        assertThat(Path.of(fake.calls().get(1).env().get(REPOSITORY_CONFIG)).getParent()).doesNotExist();
    }

    @Test
    void shouldNameTheFailureOfARepositoryUpdateThatExitsNonZeroAsHelm4Does() {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3))
                .on("repo", "...Unable to get an update from the \"internal\" chart repository "
                                + "(https://charts.example.com/stable):\n\tfailed to fetch "
                                + "https://charts.example.com/stable/index.yaml : 404 Not Found\n",
                        "Error: Failed to update the following repositories: [https://charts.example.com/stable]\n", 1)
                .withoutIndex().build();

        assertThatThrownBy(() -> upgrade(fake).execute(HelmCliReadsTest.call("upgrade", args("internal/web")), ctx))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.partial()).hasValueSatisfying(p -> assertThat(p.exitCode()).isEqualTo(1));
                });
        assertThat(fake.calls()).extracting(c -> c.args().get(0)).containsExactly("history", "repo");
    }

    @Test
    void shouldRefuseEveryChartThatIsNotFromADeclaredSourceAtPlanTimeAndBeforeAnythingRuns() {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3))
                .on("upgrade", release()).build();
        ToolAction upgrade = upgrade(fake);
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("evil/web", "names chart repository 'evil', which environment prod does not declare "
                        + "(declared: [bitnami, internal])"),
                Map.entry("oci://evil.example.com/charts/web", "is not under one of environment prod's OCI registries "
                        + "[oci://private.example.com:5000/charts, oci://registry.example.com/charts]"),
                Map.entry("oci://registry.example.com/charts-evil/web", "is not under one of"),
                Map.entry("oci://registry.example.com/charts", "is not under one of"),
                Map.entry("oci://registry.example.com/charts/../../x", "is not under one of"),
                Map.entry("https://charts.bitnami.com/bitnami/web-1.2.4.tgz", "must be <repository>/<chart>"),
                Map.entry("/etc/charts/web", "must be <repository>/<chart>"),
                Map.entry("./web", "must be <repository>/<chart>"),
                Map.entry("web", "must be <repository>/<chart>"),
                Map.entry("bitnami/web/extra", "must be <repository>/<chart>"),
                Map.entry("bitnami/..", "must be <repository>/<chart>"),
                Map.entry("-f", "must be <repository>/<chart>"),
                Map.entry("--post-renderer=/bin/sh", "must be <repository>/<chart>"));
        // the schema's pattern refuses these first: one parse at plan time (argumentProblems) and again before
        // running; the chart sources refuse them too, so the refusal does not rest on the pattern alone
        List<String> malformed = List.of("oci://registry.example.com/charts/../../x",
                "https://charts.bitnami.com/bitnami/web-1.2.4.tgz", "/etc/charts/web", "./web", "bitnami/..", "-f",
                "--post-renderer=/bin/sh");
        HelmChartSources sources = new HelmChartSources(HelmWorld.catalog(null), new CliInvoker(new ProcessRunner()));

        refusals.forEach((chart, why) -> {
            var call = HelmCliReadsTest.call("upgrade", args(chart));
            assertThat(sources.problems(call)).as(chart).singleElement().asString()
                    .startsWith("chart '" + chart + "'").contains(why);
            if (malformed.contains(chart)) {
                assertThat(upgrade.argumentProblems(call)).as(chart).singleElement().asString().startsWith("chart: ");
                assertThat(upgrade.targetProblems(call)).as(chart + " is reported once, as an argument").isEmpty();
            } else {
                assertThat(upgrade.argumentProblems(call)).as(chart).isEmpty();
                assertThat(upgrade.targetProblems(call)).as(chart).singleElement().asString()
                        .startsWith("chart '" + chart + "'").contains(why);
            }
            assertThatThrownBy(() -> upgrade.execute(call, ctx)).as(chart)
                    .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isIn("target_not_allowed",
                            "invalid_arguments"));
        });
        assertThat(fake.calls()).as("nothing ran").isEmpty();
        for (String good : List.of("bitnami/web", "internal/web", HelmWorld.OCI_PUBLIC + "/web",
                HelmWorld.OCI_PUBLIC + "/team/web", HelmWorld.OCI_PRIVATE + "/web")) {
            assertThat(upgrade.targetProblems(HelmCliReadsTest.call("upgrade", args(good)))).as(good).isEmpty();
        }
    }

    @Test
    void shouldRefuseAWellFormedChartFromAnUndeclaredSourceWithTargetNotAllowed() {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3)).build();
        ToolAction upgrade = upgrade(fake);

        for (String chart : List.of("evil/web", "oci://evil.example.com/charts/web")) {
            assertThatThrownBy(() -> upgrade.execute(HelmCliReadsTest.call("upgrade", args(chart)), ctx)).as(chart)
                    .isInstanceOfSatisfying(ToolException.class, e -> {
                        assertThat(e.code()).isEqualTo("target_not_allowed");
                        assertThat(e.getMessage()).startsWith("chart '" + chart + "'");
                    });
        }
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void shouldSayAnEnvironmentDeclaresNoChartSourcesWhenItHasNone() {
        HelmFake fake = HelmFake.builder(dir).build();
        ToolAction upgrade = HelmWorld.adapter(fake.bin(), null, TransportMode.AUTO, HelmWorld.NO_HELM_SOURCES, null)
                .action("upgrade").orElseThrow();

        assertThat(upgrade.targetProblems(HelmCliReadsTest.call("upgrade", args(HelmWorld.OCI_PUBLIC + "/web"))))
                .containsExactly("chart 'oci://registry.example.com/charts/web' is not under one of environment prod's "
                        + "OCI registries (it declares none in helm.oci-registries)");
        assertThat(upgrade.targetProblems(HelmCliReadsTest.call("upgrade", args("bitnami/web"))))
                .containsExactly("chart 'bitnami/web' names chart repository 'bitnami', which environment prod does "
                        + "not declare (it declares none in helm.chart-repositories)");
    }

    @Test
    void shouldKeepTheValuesFileAndTheChartConfigurationInOneLease() throws Exception {
        HelmFake fake = HelmFake.builder(dir).on("history", HelmReleases.cliHistory("web", 3)).on("repo", "")
                .on("upgrade", release()).build();
        String withValues = "{\"namespace\": \"shop\", \"release\": \"web\", \"chart\": \"internal/web\", "
                + "\"values\": {\"replicas\": 2}}";

        upgrade(fake).execute(HelmCliReadsTest.call("upgrade", withValues), ctx);

        FakeBinary.Invocation upgrade = fake.calls().get(2);
        String values = upgrade.args().get(upgrade.args().indexOf("-f") + 1);
        assertThat(Path.of(values).getParent()).isEqualTo(Path.of(upgrade.env().get(REPOSITORY_CONFIG)).getParent());
        JsonNode seen = HelmReleases.JSON.readTree(fake.valuesSeen());
        assertThat(seen.get("replicas").asInt()).isEqualTo(2);
        assertThat(Files.exists(Path.of(values))).isFalse();
    }
}
