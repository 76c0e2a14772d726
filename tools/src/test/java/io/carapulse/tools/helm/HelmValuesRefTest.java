package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.testkit.contract.ArgumentSchemas;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.transport.TransportMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helm.upgrade} with {@code values_ref}: values from the environment's Git repository, cloned with real git. */
class HelmValuesRefTest {

    private static final String VALUES = "image:\n  tag: \"1.27\"\nreplicas: 3\n";

    @TempDir
    Path dir;

    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofMinutes(2));
    private GitValuesRepo repo;
    private HelmFake fake;

    @BeforeEach
    void setUp() throws Exception {
        repo = GitValuesRepo.create(dir, Map.of("web/values.yaml", VALUES, "web/escape.yaml", "->/etc/hostname"));
        fake = HelmFake.builder(dir.resolve("helm")).on("history", HelmReleases.cliHistory("web", 3))
                .on("upgrade", HelmReleases.release("web", "shop", 4, "deployed", "1.2.4").toString()).build();
    }

    private ToolAction upgrade(HelmProperties.Sources helm) {
        return HelmWorld.adapter(fake.bin(), null, TransportMode.AUTO, helm, GitValuesRepo.GIT).action("upgrade")
                .orElseThrow();
    }

    private ToolAction upgrade() {
        return upgrade(HelmWorld.helm(repo.url(), "main", "env:HELM_TEST_GIT_TOKEN"));
    }

    private static String args(String valuesRef) {
        return "{\"namespace\": \"shop\", \"release\": \"web\", \"chart\": \"oci://registry.example.com/charts/web\", "
                + "\"values_ref\": \"" + valuesRef + "\"}";
    }

    @Test
    void shouldCloneTheRepositoryIntoTheLeaseAndPassTheFileToHelm() throws Exception {
        ToolResult result = upgrade().execute(HelmCliReadsTest.call("upgrade", args("web/values.yaml")), ctx);

        List<String> argv = fake.calls().get(1).args();
        String valuesFile = argv.get(argv.indexOf("-f") + 1);
        assertThat(valuesFile).endsWith("/values-repo/web/values.yaml");
        assertThat(argv).containsSubsequence("--atomic", "--timeout").endsWith("-f", valuesFile, "-o", "json");
        assertThat(fake.valuesSeen()).as("the file helm read during the call").isEqualTo(VALUES);
        assertThat(result.externalIds()).containsEntry("valuesCommit", repo.commit())
                .containsEntry("valuesRef", "web/values.yaml").containsEntry("revision", "3->4");
        Path leaseDir = Path.of(valuesFile).getParent().getParent().getParent();
        assertThat(leaseDir.getFileName().toString()).startsWith("carapulse-lease-");
        assertThat(Files.exists(leaseDir)).as("the lease and the clone are gone").isFalse();
    }

    @Test
    void shouldKeepTheGitTokenOffEveryArgvAndOutOfHelmsEnvironment() {
        ToolResult result = upgrade().execute(HelmCliReadsTest.call("upgrade", args("web/values.yaml")), ctx);

        for (FakeBinary.Invocation helm : fake.calls()) {
            assertThat(String.join(" ", helm.argv())).doesNotContain(HelmWorld.GIT_TOKEN);
            assertThat(helm.env().keySet()).noneMatch(k -> k.startsWith("GIT_CONFIG"));
            assertThat(helm.env().values()).noneMatch(v -> v.contains(HelmWorld.GIT_TOKEN));
        }
        assertThat(String.join(" ", result.command())).doesNotContain(HelmWorld.GIT_TOKEN);
        assertThat(result.output()).doesNotContain(HelmWorld.GIT_TOKEN);
        assertThat(ctx.lines()).noneMatch(l -> l.contains(HelmWorld.GIT_TOKEN));
    }

    @Test
    void shouldHandTheTokenToGitThroughItsEnvironmentOnly() {
        FakeBinary git = FakeBinary.builder(dir.resolve("fake-git"), "git").build();
        ToolAction upgrade = HelmWorld.adapter(fake.bin(), null, TransportMode.AUTO,
                HelmWorld.helm("https://git.example.com/ops/helm-values.git", "release/1", "env:HELM_TEST_GIT_TOKEN"),
                git.path()).action("upgrade").orElseThrow();

        // the fake clones nothing, so the file is then missing
        assertThatThrownBy(() -> upgrade.execute(HelmCliReadsTest.call("upgrade", args("web/values.yaml")), ctx))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("not_found"));

        List<FakeBinary.Invocation> calls = git.recorded();
        assertThat(calls).hasSize(2);
        String clone = calls.get(0).args().get(calls.get(0).args().size() - 1);
        assertThat(calls.get(0).args()).containsExactly("clone", "--depth", "1", "--branch", "release/1", "--",
                "https://git.example.com/ops/helm-values.git", clone);
        assertThat(clone).endsWith("/values-repo");
        assertThat(calls.get(1).args()).containsExactly("-C", clone, "rev-parse", "HEAD");
        for (FakeBinary.Invocation call : calls) {
            assertThat(call.env()).containsEntry("GIT_TERMINAL_PROMPT", "0").containsEntry("GIT_CONFIG_COUNT", "1")
                    .containsEntry("GIT_CONFIG_KEY_0", "http.extraHeader")
                    .containsEntry("GIT_CONFIG_VALUE_0", "Authorization: Bearer " + HelmWorld.GIT_TOKEN);
            assertThat(String.join(" ", call.argv())).doesNotContain(HelmWorld.GIT_TOKEN);
        }
    }

    @Test
    void shouldFailAGitCloneWithItsEvidenceAndNoToken() {
        ToolAction upgrade = upgrade(HelmWorld.helm(repo.url(), "no-such-branch", "env:HELM_TEST_GIT_TOKEN"));

        assertThatThrownBy(() -> upgrade.execute(HelmCliReadsTest.call("upgrade", args("web/values.yaml")), ctx))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.partial()).hasValueSatisfying(p -> {
                        assertThat(p.command()).contains("clone", "--depth", "1", "--branch", "no-such-branch", "--",
                                repo.url());
                        assertThat(String.join(" ", p.command()) + p.output()).doesNotContain(HelmWorld.GIT_TOKEN);
                    });
                });
        assertThat(fake.calls()).as("only the history ran; no upgrade").hasSize(1);
    }

    @Test
    void shouldRefuseAFileThatIsNotInTheRepositoryNamingIt() {
        for (String missing : new String[] {"web/prod.yaml", "web/escape.yaml"}) {
            assertThatThrownBy(() -> upgrade().execute(HelmCliReadsTest.call("upgrade", args(missing)), ctx))
                    .isInstanceOfSatisfying(ToolException.class, e -> {
                        assertThat(e.code()).isEqualTo("not_found");
                        assertThat(e.getMessage()).contains(missing);
                    });
        }
        assertThat(fake.calls()).extracting(c -> c.args().get(0)).containsOnly("history");
    }

    @Test
    void shouldRefuseValuesRefTogetherWithInlineValues() {
        String both = "{\"namespace\": \"shop\", \"release\": \"web\", \"chart\": \"oci://registry.example.com/charts/web\", "
                + "\"values\": {\"replicas\": 2}, \"values_ref\": \"web/values.yaml\"}";

        assertThatThrownBy(() -> upgrade().execute(HelmCliReadsTest.call("upgrade", both), ctx))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_arguments");
                    assertThat(e.getMessage()).contains("values and values_ref are mutually exclusive");
                });
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void shouldRefusePathsThatLeaveTheRepositoryOrAreOptionsInSchemaAndCode() {
        ToolAction upgrade = upgrade();
        for (String bad : new String[] {"../etc/passwd", "web/../../etc/passwd.yaml", "web/../x.yaml", "/etc/x.yaml",
                "-f.yaml", ".hidden.yaml", "web/values.json", "web/values.yaml; id"}) {
            assertThat(ArgumentSchemas.errors(upgrade.descriptor().argumentSchema(),
                    HelmCliReadsTest.call("upgrade", args(bad)).args())).as(bad).isNotEmpty();
            assertThatThrownBy(() -> upgrade.execute(HelmCliReadsTest.call("upgrade", args(bad)), ctx)).as(bad)
                    .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("invalid_arguments"));
        }
        assertThat(ArgumentSchemas.errors(upgrade.descriptor().argumentSchema(),
                HelmCliReadsTest.call("upgrade", args("web/prod.values.yml")).args())).isEmpty();
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void shouldReportAtPlanTimeAnEnvironmentWithoutAValuesRepository() {
        ToolAction upgrade = HelmWorld.adapter(fake.bin(), null, TransportMode.AUTO).action("upgrade").orElseThrow();

        assertThat(upgrade.targetProblems(HelmCliReadsTest.call("upgrade", args("web/values.yaml"))))
                .containsExactly("values_ref needs a Git repository of Helm values, but environment prod declares no "
                        + "helm.values-repo");
        assertThat(upgrade.targetProblems(HelmCliReadsTest.call("upgrade",
                "{\"namespace\": \"shop\", \"release\": \"web\", \"chart\": \"bitnami/web\"}"))).isEmpty();
        assertThatThrownBy(() -> upgrade.execute(HelmCliReadsTest.call("upgrade", args("web/values.yaml")), ctx))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("target_not_allowed"));
        assertThat(upgrade().targetProblems(HelmCliReadsTest.call("upgrade", args("web/values.yaml")))).isEmpty();
    }
}
