package io.carapulse.tools.github;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real GitHub CLI for tests: Debian's {@code gh} (2.23) at {@code /usr/bin/gh}. Skipped when absent,
 * unless {@code CARAPULSE_REQUIRE_GH_CLI=true} (CI installs it), then a missing CLI fails.
 */
final class GhCli {

    static final Path BINARY = Path.of("/usr/bin/gh");
    static final String REQUIRE = "CARAPULSE_REQUIRE_GH_CLI";

    private GhCli() {
    }

    /** The CLI, or the test is skipped (or fails, when CI requires it). */
    static Path require() {
        if (!Files.isExecutable(BINARY)) {
            String why = BINARY + " (Debian's gh, the GitHub CLI) is not installed: apt-get install -y gh";
            if ("true".equals(System.getenv(REQUIRE))) {
                Assertions.fail(REQUIRE + "=true but " + why);
            }
            Assumptions.abort(why + " (set " + REQUIRE + "=true to make this a failure)");
        }
        return BINARY;
    }
}
