package io.carapulse.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
}
