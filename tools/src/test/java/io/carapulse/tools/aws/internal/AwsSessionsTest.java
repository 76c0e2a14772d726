package io.carapulse.tools.aws.internal;

import static io.carapulse.tools.aws.AwsStubs.LEASED_KEY_ID;
import static io.carapulse.tools.aws.AwsStubs.LEASED_SECRET;
import static io.carapulse.tools.aws.AwsStubs.LEASED_TOKEN;
import static io.carapulse.tools.aws.AwsStubs.SERVER_KEY_ID;
import static io.carapulse.tools.aws.AwsStubs.SERVER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.api.error.PermanentException;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.config.SecretRef;
import io.carapulse.tools.aws.AwsAccount;
import io.carapulse.tools.aws.AwsStubs;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Every AWS call's role is assumed with the SDK's STS client, carrying who asked and who approved. */
class AwsSessionsTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/carapulse";
    private static final String EXTERNAL_ID = "canary-external-id-5b9e";
    private static final SessionContext CTX =
            new SessionContext("exec-7", 2, "plan-42", "alice@example.com", "Bob Approver", "prod");

    private static AwsStubs stubs;
    private AwsSessions sessions;

    @BeforeAll
    static void start() {
        stubs = new AwsStubs();
    }

    @AfterAll
    static void stop() {
        stubs.close();
    }

    @BeforeEach
    void fresh() {
        stubs.reset();
        sessions = new AwsSessions(StaticCredentialsProvider.create(AwsBasicCredentials.create(SERVER_KEY_ID, SERVER_SECRET)),
                Map.of("PROD_EXTERNAL_ID", EXTERNAL_ID, "BAD_EXTERNAL_ID", "has spaces " + EXTERNAL_ID)::get);
    }

    @AfterEach
    void close() {
        sessions.close();
    }

    private static AwsAccount account(Optional<SecretRef> externalId, URI endpoint) {
        return new AwsAccount("prod", "123456789012", ROLE, externalId, List.of("eu-west-1", "us-east-2"),
                Duration.ofMinutes(45), Optional.of(endpoint));
    }

    private static AwsAccount account() {
        return account(Optional.of(new SecretRef("env", "PROD_EXTERNAL_ID")), stubs.endpoint());
    }

    @Test
    void shouldAssumeTheRoleWithTheServersIdentityNamingTheStepTheRequesterAndTheApprover() {
        AwsSession session = sessions.assume(account(), "eu-west-1", CTX);

        assertThat(session).isEqualTo(new AwsSession("prod", "eu-west-1", LEASED_KEY_ID, LEASED_SECRET, LEASED_TOKEN,
                Instant.parse("2099-01-01T00:00:00Z"), "arn:aws:sts::123456789012:assumed-role/carapulse/carapulse-exec-7-2",
                "carapulse-exec-7-2"));
        LoggedRequest request = stubs.queryRequests("AssumeRole").get(0);
        assertThat(AwsStubs.form(request)).containsOnly(
                entry("Action", "AssumeRole"),
                entry("Version", "2011-06-15"),
                entry("RoleArn", ROLE),
                entry("RoleSessionName", "carapulse-exec-7-2"),
                entry("SourceIdentity", "alice@example.com"),
                entry("Tags.member.1.Key", "plan-id"),
                entry("Tags.member.1.Value", "plan-42"),
                entry("Tags.member.2.Key", "approver"),
                entry("Tags.member.2.Value", "Bob Approver"),
                entry("Tags.member.3.Key", "environment"),
                entry("Tags.member.3.Value", "prod"),
                entry("ExternalId", EXTERNAL_ID),
                entry("DurationSeconds", "2700"));
        assertThat(AwsStubs.signingKeyId(request)).isEqualTo(SERVER_KEY_ID);
        assertThat(request.getHeader("Authorization")).contains("/eu-west-1/sts/aws4_request");
        assertThat(request.containsHeader("X-Amz-Security-Token")).isFalse();
    }

    @Test
    void shouldLeaveOutTheTagsAndExternalIdACallDoesNotHave() {
        SessionContext read = new SessionContext("turn-3", 0, null, "alice@example.com", " ", "prod");

        sessions.assume(account(Optional.empty(), stubs.endpoint()), "us-east-2", read);

        LoggedRequest request = stubs.queryRequests("AssumeRole").get(0);
        assertThat(AwsStubs.form(request)).containsEntry("Tags.member.1.Key", "environment")
                .doesNotContainKeys("Tags.member.2.Key", "ExternalId")
                .containsEntry("RoleSessionName", "carapulse-turn-3-0");
        assertThat(request.getHeader("Authorization")).contains("/us-east-2/sts/aws4_request");
    }

    @Test
    void shouldFitALongExecutionIdIntoTheSessionNameLimit() {
        AwsSession session = sessions.assume(account(), "eu-west-1",
                new SessionContext("x".repeat(70), 3, "plan-42", "alice@example.com", "bob", "prod"));

        assertThat(AwsStubs.form(stubs.queryRequests("AssumeRole").get(0)).get("RoleSessionName"))
                .isEqualTo(session.sessionName()).hasSize(64).startsWith("carapulse-xxx");
    }

    @Test
    void shouldNameTheAccountAndTheRoleWhenStsDeniesIt() {
        stubs.denyQuery(AwsStubs.Query.STS, "AssumeRole", "sts:TagSession", ROLE);

        assertThatThrownBy(() -> sessions.assume(account(), "eu-west-1", CTX))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("forbidden");
                    assertThat(e.getMessage())
                            .startsWith("AWS account 'prod' (123456789012): STS refused to let the server assume "
                                    + ROLE + " (AccessDenied): User: arn:aws:sts::111111111111:assumed-role/"
                                    + "carapulse-server/i-0abc123 is not authorized to perform: sts:TagSession on "
                                    + "resource: " + ROLE + ". The role's trust policy must allow the server's identity "
                                    + "sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession")
                            .contains("[STS request id 4b0c2f5e-8a1d-4c3b-9e7f-0123456789ab]")
                            .doesNotContain(SERVER_SECRET, SERVER_KEY_ID, EXTERNAL_ID);
                });
    }

    @Test
    void shouldReportThrottlingAsRetriable() {
        stubs.throttleQuery(AwsStubs.Query.STS, "AssumeRole");

        assertThatThrownBy(() -> sessions.assume(account(), "eu-west-1", CTX))
                .isInstanceOfSatisfying(RetriableToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("rate_limited");
                    assertThat(e.getMessage()).contains("(Throttling): Rate exceeded");
                });
    }

    @Test
    void shouldReportAnUnreachableStsAsRetriableNamingTheEndpoint() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        AwsAccount account = account(Optional.empty(), closed);

        assertThatThrownBy(() -> sessions.assume(account, "eu-west-1", CTX))
                .isInstanceOfSatisfying(RetriableToolException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "AWS account 'prod': cannot reach STS in eu-west-1 at " + closed + " to assume " + ROLE));
    }

    @Test
    void shouldRefuseARegionTheAccountDoesNotDeclareWithoutCallingSts() {
        assertThatThrownBy(() -> sessions.assume(account(), "ap-south-1", CTX))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("target_not_allowed"))
                .hasMessage("region ap-south-1 is not one of AWS account 'prod''s regions [eu-west-1, us-east-2]");
        assertThat(stubs.allRequests()).isEmpty();
    }

    @Test
    void shouldFailClosedWhenTheExternalIdCannotBeReadOrIsNotWhatStsAccepts() {
        AwsAccount unset = account(Optional.of(new SecretRef("env", "UNSET_EXTERNAL_ID")), stubs.endpoint());
        assertThatThrownBy(() -> sessions.assume(unset, "eu-west-1", CTX))
                .isInstanceOfSatisfying(PermanentException.class, e -> assertThat(e.code()).isEqualTo("secret_unavailable"));

        AwsAccount bad = account(Optional.of(new SecretRef("env", "BAD_EXTERNAL_ID")), stubs.endpoint());
        assertThatThrownBy(() -> sessions.assume(bad, "eu-west-1", CTX))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("configuration_invalid"))
                .hasMessageContaining("the external id in env:BAD_EXTERNAL_ID (")
                .hasMessageNotContaining(EXTERNAL_ID);
        assertThat(stubs.allRequests()).isEmpty();
    }

    @Test
    void shouldSayWhenTheServerHasNoAwsIdentityOfItsOwn() {
        try (AwsSessions none = new AwsSessions(() -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        }, name -> EXTERNAL_ID)) {
            assertThatThrownBy(() -> none.assume(account(), "eu-west-1", CTX))
                    .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("unauthenticated"))
                    .hasMessageStartingWith("AWS account 'prod': the server has no AWS identity of its own");
        }
        assertThat(stubs.allRequests()).isEmpty();
    }

    @Test
    void shouldNeverShowTheSecretOrTheTokenOfASession() {
        AwsSession session = sessions.assume(account(), "eu-west-1", CTX);

        assertThat(session.toString()).doesNotContain(LEASED_SECRET, LEASED_TOKEN, LEASED_KEY_ID)
                .contains("carapulse-exec-7-2", "prod", "eu-west-1");
        assertThat(session.credentialsProvider().resolveCredentials()).isInstanceOfSatisfying(AwsSessionCredentials.class,
                c -> assertThat(List.of(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))
                        .containsExactly(LEASED_KEY_ID, LEASED_SECRET, LEASED_TOKEN));
    }
}
