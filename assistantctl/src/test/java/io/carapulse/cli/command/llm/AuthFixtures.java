package io.carapulse.cli.command.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.cli.support.Ctl;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The credential files of {@code llm}'s importer tests, in the real formats with made-up tokens
 * (copied to src/test/resources/io/carapulse/cli/command/llm), and made-up ChatGPT JWTs.
 */
final class AuthFixtures {

    static final String ACCOUNT_A = "11111111-2222-3333-4444-555555555555";
    static final String ACCOUNT_B = "22222222-3333-4444-5555-666666666666";
    static final String PROFILE_A = "openai-codex:" + ACCOUNT_A;
    static final String PROFILE_B = "openai-codex:" + ACCOUNT_B;
    /** The {@code exp} of the fixtures' tokens, and OpenClaw's {@code expires} 1900000000000 (milliseconds). */
    static final String FIXTURE_EXP = "2030-03-17T17:46:40Z";

    private AuthFixtures() {
    }

    /** Copies the fixture directory {@code name} into {@code target} (created); returns {@code target}. */
    static Path copy(String name, Path target) throws IOException {
        Path from;
        try {
            from = Path.of(AuthFixtures.class.getResource(name).toURI());
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

    /** An unsigned JWT shaped like ChatGPT's access token; unique on every call. */
    static String jwt(String account, Instant exp) {
        String payload = "{\"jti\":\"" + UUID.randomUUID() + "\",\"exp\":" + exp.getEpochSecond()
                + ",\"https://api.openai.com/auth\":{\"chatgpt_account_id\":\"" + account + "\"}}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("sig-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    }

    /** Nothing that looks like one of the fixtures' tokens or keys, or any JWT, in what the CLI printed. */
    static void assertNoSecrets(Ctl.Result result, String... alsoNot) {
        String printed = result.out() + result.err();
        assertThat(printed).as(result.toString())
                .doesNotContain("eyJ").doesNotContain("rt_FAKE").doesNotContain("sk-proj").doesNotContain("sk-ant")
                .doesNotContain("sk-FAKE");
        for (String secret : alsoNot) {
            assertThat(printed).as(result.toString()).doesNotContain(secret);
        }
    }

    static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
