package io.carapulse.tools.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The CLI tests skip without the CLI, unless CI says it must be there. */
class AwsCliTest {

    private static final Path MISSING = Path.of("/nonexistent/aws");

    @Test
    void shouldSkipWithTheReasonWhenTheCliIsMissingAndNotRequired() {
        for (String flag : new String[] {null, "false", ""}) {
            assertThatThrownBy(() -> AwsCli.require(MISSING, flag)).isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("/nonexistent/aws (Debian's awscli, AWS CLI v2) is not installed: "
                            + "apt-get install -y awscli");
        }
    }

    @Test
    void shouldFailWhenTheCliIsMissingButRequired() {
        assertThatThrownBy(() -> AwsCli.require(MISSING, "true")).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("CARAPULSE_REQUIRE_AWS_CLI=true but /nonexistent/aws");
    }

    @Test
    void shouldUseTheGivenBinaryWhenItIsThere() {
        assertThat(AwsCli.require(Path.of("/bin/sh"), "true")).isEqualTo(Path.of("/bin/sh"));
    }
}
