package io.carapulse.tools.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.config.ConfigurationException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryLocatorTest {

    @TempDir
    Path tmp;

    private Path executable(String dir, String name) throws Exception {
        Path file = Files.createDirectories(tmp.resolve(dir)).resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static String path(Object... entries) {
        StringBuilder sb = new StringBuilder();
        for (Object e : entries) {
            sb.append(sb.length() == 0 ? "" : File.pathSeparator).append(e);
        }
        return sb.toString();
    }

    @Test
    void shouldFindTheFirstExecutableOfThatNameSkippingRelativeAndNonExecutableEntries() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain")).resolve("kubectl");
        Files.writeString(plain, "not executable");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-------"));
        Path found = executable("second", "kubectl");
        executable("third", "kubectl");
        BinaryLocator locator = new BinaryLocator(
                path("relative/bin", "", tmp.resolve("plain"), tmp.resolve("second"), tmp.resolve("third")),
                Clock.systemUTC());

        assertThat(locator.locate("kubectl", Optional.empty())).contains(found);
        assertThat(locator.locate("helm", Optional.empty())).isEmpty();
    }

    @Test
    void shouldRememberAnAnswerForAMinute() throws Exception {
        Path helm = executable("bin", "helm");
        MutableClock clock = new MutableClock();
        BinaryLocator locator = new BinaryLocator(path(tmp.resolve("bin")), clock);
        assertThat(locator.locate("helm", Optional.empty())).contains(helm);

        Files.delete(helm);
        clock.advance(Duration.ofSeconds(59));
        assertThat(locator.locate("helm", Optional.empty())).contains(helm);

        clock.advance(Duration.ofSeconds(2));
        assertThat(locator.locate("helm", Optional.empty())).isEmpty();
    }

    @Test
    void shouldUseOnlyTheConfiguredPathWhenOneIsGiven() throws Exception {
        Path configured = executable("opt", "kubectl");
        executable("bin", "kubectl");
        BinaryLocator locator = new BinaryLocator(path(tmp.resolve("bin")), Clock.systemUTC());

        assertThat(locator.locate("kubectl", Optional.of(configured))).contains(configured);
    }

    @Test
    void shouldRefuseAConfiguredPathThatIsMissingRelativeOrNotExecutable() throws Exception {
        Path notExecutable = Files.writeString(tmp.resolve("kubectl"), "x");
        BinaryLocator locator = new BinaryLocator(path(tmp), Clock.systemUTC());

        for (Path bad : new Path[] {tmp.resolve("missing/kubectl"), Path.of("bin/kubectl"), notExecutable, tmp}) {
            assertThatThrownBy(() -> locator.locate("kubectl", Optional.of(bad)))
                    .as(bad.toString())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("kubectl")
                    .hasMessageContaining("carapulse.tools.<tool>.binary");
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
