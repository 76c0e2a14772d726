package io.carapulse.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeBinaryTest {

    @TempDir
    Path dir;

    @Test
    void shouldRecordArgvEnvironmentAndDirectoryAndPrintItsCannedOutput() throws Exception {
        FakeBinary fake = FakeBinary.builder(dir, "kubectl").stdout("out\n").stderr("err\n").exitCode(3).build();
        Path cwd = dir.toRealPath();

        ProcessBuilder pb = new ProcessBuilder(fake.path().toString(), "get", "a b", "line1\nline2", "")
                .directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(Map.of("CANARY", "x=y"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(out).isEqualTo("out\n");
        assertThat(err).isEqualTo("err\n");
        assertThat(fake.recorded()).singleElement().satisfies(inv -> {
            assertThat(inv.argv().get(0)).isEqualTo(fake.path().toString());
            assertThat(inv.args()).containsExactly("get", "a b", "line1\nline2", "");
            assertThat(inv.env()).containsEntry("CANARY", "x=y");
            assertThat(inv.cwd()).isEqualTo(cwd);
        });
        assertThat(fake.childPids()).isEmpty();
    }

    @Test
    void shouldAnswerInvocationsThatBeginWithGivenArgumentsOnTheirOwn() throws Exception {
        FakeBinary fake = FakeBinary.builder(dir, "argocd").stdout("default\n").stderr("err\n").exitCode(2)
                .printVariable("TOKEN").answer(List.of("app", "get"), "{\"app\": 1}\n").build();

        Run get = run(fake, Map.of("TOKEN", "t0ken"), "app", "get", "web", "-o", "json");
        Run sync = run(fake, Map.of("TOKEN", "t0ken"), "app", "sync", "web");
        Run app = run(fake, Map.of("TOKEN", "t0ken"), "app");

        assertThat(get).isEqualTo(new Run(0, "{\"app\": 1}\n", ""));
        assertThat(sync).isEqualTo(new Run(2, "default\nt0ken\n", "err\n"));
        assertThat(app).isEqualTo(new Run(2, "default\nt0ken\n", "err\n"));
        assertThat(fake.recorded()).extracting(FakeBinary.Invocation::args).containsExactly(
                List.of("app", "get", "web", "-o", "json"), List.of("app", "sync", "web"), List.of("app"));
        assertThat(fake.printedLeases()).isEqualTo("t0ken\nt0ken\n");
    }

    @Test
    void shouldPrintEveryLeasedFileItIsToldToAndSkipUnsetVariables() throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "token: k1\n");
        Path repos = Files.writeString(dir.resolve("repositories.yaml"), "password: p1\n");
        FakeBinary fake = FakeBinary.builder(dir, "helm").stdout("{}\n").printFileOf("KUBECONFIG")
                .printFileOf("HELM_REPOSITORY_CONFIG").printFileOf("HELM_REGISTRY_CONFIG").build();

        Run run = run(fake, Map.of("KUBECONFIG", kubeconfig.toString(), "HELM_REPOSITORY_CONFIG", repos.toString()),
                "list");

        assertThat(run).isEqualTo(new Run(0, "{}\ntoken: k1\npassword: p1\n", ""));
        assertThat(fake.printedLeases()).isEqualTo("token: k1\npassword: p1\n");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(FakeBinary fake, Map<String, String> env, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(fake.path().toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }
}
