package io.carapulse.llm.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

/** The credential files in src/test/resources/io/carapulse/llm/auth, in the real formats, with made-up tokens. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The {@code exp} of the fixtures' tokens, and OpenClaw's {@code expires} 1900000000000 ms. */
    static final Instant FIXTURE_EXP = Instant.parse("2030-03-17T17:46:40Z");
    static final String ACCOUNT_A = "11111111-2222-3333-4444-555555555555";
    static final String ACCOUNT_B = "22222222-3333-4444-5555-666666666666";

    private Fixtures() {
    }

    /** Copies the fixture directory {@code name} to {@code target} (created). */
    static Path copy(String name, Path target) throws IOException {
        Path from;
        try {
            from = Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }

    /** Nothing that looks like a token or key appears in what the CLI would print. */
    static void assertNoSecrets(Iterable<String> lines) {
        for (String line : lines) {
            assertThat(line).doesNotContain("eyJ").doesNotContain("rt_FAKE").doesNotContain("sk-");
        }
    }

    static void assertNoSecrets(String message) {
        assertNoSecrets(java.util.List.of(message));
    }
}
