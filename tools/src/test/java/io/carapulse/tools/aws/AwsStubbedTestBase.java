package io.carapulse.tools.aws;

import static io.carapulse.tools.aws.AwsStubs.LEASED_KEY_ID;
import static io.carapulse.tools.aws.AwsStubs.LEASED_TOKEN;
import static io.carapulse.tools.aws.AwsStubs.SERVER_KEY_ID;
import static io.carapulse.tools.aws.AwsStubs.SERVER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.config.SecretRef;
import io.carapulse.tools.aws.internal.AwsLease;
import io.carapulse.tools.aws.internal.AwsSession;
import io.carapulse.tools.aws.internal.AwsSessions;
import io.carapulse.tools.aws.internal.SessionContext;
import io.carapulse.tools.process.ProcessRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One local AWS (WireMock), the server's own static identity for STS only, an account pointing at the
 * stubs, and a process runner whose "server environment" holds the server's own AWS variables, so a
 * test sees at once that they never reach the CLI.
 */
abstract class AwsStubbedTestBase {

    static final String ROLE = "arn:aws:iam::123456789012:role/carapulse";
    static final String EXTERNAL_ID = "canary-external-id-5b9e";
    static final SessionContext CTX =
            new SessionContext("exec-7", 2, "plan-42", "alice@example.com", "bob@example.com", "prod");

    static AwsStubs stubs;
    static AwsSessions sessions;
    static AwsAccount account;

    final ProcessRunner runner = new ProcessRunner(Map.of(
            "PATH", "/usr/bin:/bin",
            "AWS_ACCESS_KEY_ID", SERVER_KEY_ID,
            "AWS_SECRET_ACCESS_KEY", SERVER_SECRET,
            "AWS_PROFILE", "server-admin",
            "AWS_REGION", "us-east-2"));
    AwsSession session;
    AwsLease lease;

    @BeforeAll
    static void startAws() {
        stubs = new AwsStubs();
        sessions = new AwsSessions(StaticCredentialsProvider.create(AwsBasicCredentials.create(SERVER_KEY_ID, SERVER_SECRET)),
                Map.of("PROD_EXTERNAL_ID", EXTERNAL_ID)::get);
        account = new AwsAccount("prod", "123456789012", ROLE, Optional.of(new SecretRef("env", "PROD_EXTERNAL_ID")),
                List.of("eu-west-1"), Duration.ofHours(1), Optional.of(stubs.endpoint()));
    }

    @AfterAll
    static void stopAws() {
        sessions.close();
        stubs.close();
    }

    /** Each test starts with a fresh role session and its lease, as one step of an execution would. */
    @BeforeEach
    void assume() {
        stubs.reset();
        session = sessions.assume(account, "eu-west-1", CTX);
        lease = AwsLease.open(session);
    }

    @AfterEach
    void release() {
        lease.close();
        runner.close();
    }

    AwsCli.Run cli(String... args) {
        return AwsCli.run(runner, lease, stubs.endpoint(), args);
    }

    /**
     * Only AssumeRole was signed with the server's own key (and carried no token); every other request
     * was signed with the leased temporary key and carried the leased session token.
     */
    static void assertSignedOnlyWithTheLease() {
        List<LoggedRequest> requests = stubs.allRequests();
        assertThat(requests).hasSizeGreaterThan(1);
        for (LoggedRequest r : requests) {
            boolean assumeRole = r.getBodyAsString().contains("Action=AssumeRole");
            if (assumeRole) {
                assertThat(AwsStubs.signingKeyId(r)).isEqualTo(SERVER_KEY_ID);
                assertThat(r.containsHeader("X-Amz-Security-Token")).isFalse();
            } else {
                assertThat(AwsStubs.signingKeyId(r)).as(r.getUrl() + " " + r.getBodyAsString()).isEqualTo(LEASED_KEY_ID);
                assertThat(r.getHeader("X-Amz-Security-Token")).isEqualTo(LEASED_TOKEN);
                assertThat(r.getHeaders().toString() + r.getBodyAsString()).doesNotContain(SERVER_KEY_ID, SERVER_SECRET);
            }
        }
    }
}
