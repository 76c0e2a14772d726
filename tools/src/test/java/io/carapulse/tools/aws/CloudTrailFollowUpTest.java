package io.carapulse.tools.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.evidence.EvidenceFollowUp.Attempt;
import io.carapulse.api.evidence.FollowUpRequest;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.transport.TransportSelector;
import io.carapulse.tools.binary.BinaryLocator;
import io.carapulse.tools.transport.ToolSettings;
import io.carapulse.tools.cli.CliInvoker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A write asks for its CloudTrail events, and the follow-up finds them later by the call's temporary key:
 * nothing yet while CloudTrail has not delivered them, then their ids. The session is the requester's.
 */
class CloudTrailFollowUpTest extends AwsStubbedTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsRuntime runtime() {
        TransportSelector sdkOnly = new TransportSelector(new BinaryLocator("", Clock.systemUTC()),
                List.of(ToolSettings.defaults("aws")));
        return new AwsRuntime(AwsWorld.catalog(stubs.endpoint()), sdkOnly, new CliInvoker(new ProcessRunner()),
                AwsWorld.sessions());
    }

    @Test
    void aWriteShouldAskForItsCloudTrailEventsAndBeAttributedToItsRequesterAndApprover() throws Exception {
        stubs.reset(); // forget the base class's own session
        AwsAdapter adapter = new AwsAdapter(runtime());
        RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofSeconds(30));
        context.setOrigin(new ToolCallOrigin("pln_1", "exe_1", 3, ToolCallOrigin.ACT, "prod", "token:tok_alice",
                Optional.of("oidc:bob")));
        ToolCall call = new ToolCall("aws", "asg-set-capacity", (ObjectNode) JSON.readTree(
                "{\"account\":\"prod\",\"region\":\"eu-west-1\",\"name\":\"web-asg\",\"desired\":4}"), "prod");

        ToolResult result = adapter.action("asg-set-capacity").orElseThrow().execute(call, context);

        assertThat(result.followUps()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(CloudTrailFollowUp.KIND);
            assertThat(f.params().path("accessKeyId").asText()).startsWith("ASIA")
                    .isEqualTo(result.externalIds().get("aws.access_key_id"));
            assertThat(f.params().path("account").asText()).isEqualTo("prod");
            assertThat(f.giveUpAfter()).isEqualTo(Duration.ofMinutes(30));
        });
        Map<String, String> assumed = AwsStubs.form(stubs.queryRequests("AssumeRole").get(0));
        assertThat(assumed.get("RoleSessionName")).isEqualTo("carapulse-exe_1-3");
        assertThat(assumed.get("SourceIdentity")).startsWith("token_tok_alice");
        assertThat(assumed.values()).contains("pln_1", "oidc:bob", "prod");

        ToolCall read = new ToolCall("aws", "asg-describe", (ObjectNode) JSON.readTree(
                "{\"account\":\"prod\",\"region\":\"eu-west-1\",\"name\":\"web-asg\"}"), "prod");
        assertThat(adapter.action("asg-describe").orElseThrow().execute(read, context).followUps())
                .as("a read has nothing to find later").isEmpty();
    }

    @Test
    void shouldFindNothingUntilCloudTrailDeliversThenTheEventIds() throws Exception {
        CloudTrailFollowUp followUp = new CloudTrailFollowUp(runtime());
        ObjectNode params = JSON.createObjectNode().put("account", "prod").put("region", "eu-west-1")
                .put("accessKeyId", "ASIAQOTHERSESSION001").put("from", Instant.now().minusSeconds(60).toString())
                .put("execution", "exe_1");
        stubs.server().stubFor(AwsStubs.jsonRequest(AwsStubs.Json.CLOUDTRAIL, "LookupEvents").atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Events\":[]}")));

        assertThat(followUp.attempt(params, "prod")).isInstanceOf(Attempt.NotYet.class);

        stubs.reset();
        Attempt found = followUp.attempt(params, "prod");

        assertThat(found).isInstanceOfSatisfying(Attempt.Found.class, f -> {
            assertThat(f.externalIds()).containsEntry("aws.cloudtrail_event_ids", "0d2f5a83-2d6c-4a8b-9f41-7b1c3e9e0a11")
                    .containsEntry("aws.cloudtrail_events", "1");
            assertThat(f.summary()).contains("SetDesiredCapacity");
        });
        assertThat(AwsStubs.form(stubs.queryRequests("AssumeRole").get(0)).get("RoleSessionName"))
                .isEqualTo("carapulse-followup-exe_1-0");
    }

    @Test
    void shouldGiveUpAtOnceOnAnAccountTheEnvironmentNoLongerDeclares() {
        ObjectNode params = JSON.createObjectNode().put("account", "gone").put("region", "eu-west-1")
                .put("accessKeyId", "ASIAQOTHERSESSION001").put("from", Instant.now().toString());

        assertThat(new CloudTrailFollowUp(runtime()).attempt(params, "prod")).isInstanceOf(Attempt.Failed.class);
        assertThat(new CloudTrailFollowUp(runtime()).attempt(params.put("account", "prod").put("accessKeyId", "AKIAX"),
                "prod")).isInstanceOf(Attempt.Failed.class);
    }
}
