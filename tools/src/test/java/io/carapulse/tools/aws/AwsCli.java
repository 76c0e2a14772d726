package io.carapulse.tools.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.redact.Redactor;
import io.carapulse.testkit.tool.ManualCancellation;
import io.carapulse.tools.aws.internal.AwsLease;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.process.ProcessSpec;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real AWS CLI v2 for tests: Debian's {@code awscli} at {@code /usr/bin/aws}, never whatever
 * {@code aws} comes first on the PATH (a pyenv shim of CLI v1 may). Skipped when absent, unless
 * {@code CARAPULSE_REQUIRE_AWS_CLI=true} (CI installs it), then a missing CLI fails.
 */
final class AwsCli {

    static final Path BINARY = Path.of("/usr/bin/aws");
    static final String REQUIRE = "CARAPULSE_REQUIRE_AWS_CLI";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsCli() {
    }

    /** The CLI, or the test is skipped (or fails, when CI requires it). */
    static Path require() {
        return require(BINARY, System.getenv(REQUIRE));
    }

    /** {@code binary}, else a skip, or a failure when {@code required} is {@code true}. */
    static Path require(Path binary, String required) {
        if (!Files.isExecutable(binary)) {
            String why = binary + " (Debian's awscli, AWS CLI v2) is not installed: apt-get install -y awscli";
            if ("true".equals(required)) {
                Assertions.fail(REQUIRE + "=true but " + why);
            }
            Assumptions.abort(why + " (set " + REQUIRE + "=true to make this a failure)");
        }
        return binary;
    }

    /** What one CLI run left: the outcome and every line the sink got, all redacted. */
    record Run(ProcessOutcome outcome, List<String> lines) {

        JsonNode json() {
            assertThat(outcome.exitCode()).as("exit of %s: %s", outcome.argv(), outcome.stderr()).isZero();
            try {
                return JSON.readTree(outcome.stdout());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Everything the run let out: lines, stored output, argv. */
        List<String> captured() {
            List<String> all = new ArrayList<>(lines);
            all.add(outcome.stdout());
            all.add(outcome.stderr());
            all.addAll(outcome.argv());
            return all;
        }
    }

    /**
     * Runs {@code aws --endpoint-url <endpoint> --output json <args>} with the lease, as the runtime
     * would, and checks the canaries: no form of a leased or server secret in anything captured.
     */
    static Run run(ProcessRunner runner, AwsLease lease, URI endpoint, String... args) {
        List<String> argv = new ArrayList<>(List.of(require().toString(), "--endpoint-url", endpoint.toString(),
                "--output", "json"));
        argv.addAll(List.of(args));
        List<String> lines = new CopyOnWriteArrayList<>();
        ProcessOutcome outcome = runner.run(ProcessSpec.of(argv, Duration.ofSeconds(60)).withEnv(lease.env()),
                Redactor.patterns().with(lease.secretValues()), (source, line) -> lines.add(line),
                new ManualCancellation());
        Run run = new Run(outcome, List.copyOf(lines));
        assertNoCanary(run.captured());
        return run;
    }

    /** No leased secret or token, and nothing of the server's own key, in any form. */
    static void assertNoCanary(List<String> captured) {
        List<String> canaries = new ArrayList<>();
        for (String secret : List.of(AwsStubs.LEASED_SECRET, AwsStubs.LEASED_TOKEN, AwsStubs.SERVER_SECRET)) {
            canaries.add(secret);
            canaries.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
        canaries.add(AwsStubs.SERVER_KEY_ID);
        for (String text : captured) {
            assertThat(text).doesNotContain(canaries);
        }
    }
}
