package io.carapulse.tools.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.tool.RecordingToolContext;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Representative aws actions end to end against the local AWS (WireMock, real wire protocols): through
 * the real AWS CLI v2 ({@code /usr/bin/aws}) and through the real SDK v2, each call assuming the
 * account's role first.
 */
class AwsActionsTest extends AwsStubbedTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code cli}: the real CLI; {@code sdk}: no CLI on the path, so the SDK. */
    private AwsAdapter adapter(String transport) {
        return AwsWorld.adapter(stubs.endpoint(), transport.equals("cli") ? AwsCli.require().getParent() : Path.of("/nonexistent"),
                runner);
    }

    private static ToolCall call(String action, String args) {
        try {
            return new ToolCall("aws", action, (ObjectNode) JSON.readTree(args), AwsWorld.ENV);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String T = "\"account\": \"prod\", \"region\": \"eu-west-1\"";

    private static ToolResult run(AwsAdapter adapter, ToolCall call) {
        return adapter.action(call.action()).orElseThrow().execute(call, RecordingToolContext.withTimeout(Duration.ofSeconds(90)));
    }

    /** No leased secret, token or server key in anything a result carries. */
    private static void assertNoSecret(ToolResult r) {
        AwsCli.assertNoCanary(List.of(String.join(" ", r.command()), r.output(), String.valueOf(r.data()),
                r.externalIds().toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cli", "sdk"})
    void whoamiShouldAssumeTheRoleWithTheSessionContextAndNameTheTemporaryKeyInTheEvidence(String transport) {
        ToolResult r = run(adapter(transport), call("whoami", "{" + T + "}"));

        assertThat(r.transport()).isEqualTo(transport.equals("cli") ? Transport.CLI : Transport.HTTP);
        assertThat(r.data().path("arn").asText()).startsWith("arn:aws:sts::123456789012:assumed-role/carapulse/");
        List<LoggedRequest> assumed = stubs.queryRequests("AssumeRole");
        Map<String, String> assume = AwsStubs.form(assumed.get(assumed.size() - 1));
        assertThat(assume).containsEntry("RoleArn", ROLE).containsEntry("RoleSessionName", "carapulse-test-0")
                .containsEntry("SourceIdentity", "carapulse").containsEntry("ExternalId", EXTERNAL_ID)
                .containsEntry("Tags.member.1.Key", "environment").containsEntry("Tags.member.1.Value", "prod");
        assertThat(r.externalIds()).containsEntry("aws.access_key_id", AwsStubs.LEASED_KEY_ID)
                .containsEntry("aws.session_name", "carapulse-test-0").containsEntry("aws.region", "eu-west-1")
                .containsEntry("aws.account_id", "123456789012").containsKey("aws.assumed_role_arn")
                .containsKey("aws.started_at");
        if (transport.equals("sdk")) {
            assertThat(r.externalIds().get("aws.request_ids")).isNotBlank();
        } else {
            assertThat(r.command()).containsSubsequence("sts", "get-caller-identity", "--region", "eu-west-1",
                    "--endpoint-url", stubs.endpoint().toString(), "--output", "json");
        }
        assertNoSecret(r);
        assertSignedOnlyWithTheLease();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cli", "sdk"})
    void readsShouldAnswerTheSameDataOnBothTransports(String transport) {
        AwsAdapter adapter = adapter(transport);
        ToolResult asg = run(adapter, call("asg-describe", "{" + T + ", \"name\": \"web-asg\"}"));
        ToolResult metric = run(adapter, call("metric-data", "{" + T + ", \"namespace\": \"AWS/EC2\", \"metric\": "
                + "\"CPUUtilization\", \"dimensions\": {\"AutoScalingGroupName\": \"web-asg\"}, \"stat\": \"Average\", "
                + "\"period_seconds\": 300, \"minutes\": 30}"));
        ToolResult ecs = run(adapter, call("ecs-service", "{" + T + ", \"cluster\": \"prod\", \"service\": \"web\"}"));
        ToolResult eks = run(adapter, call("eks-cluster", "{" + T + ", \"cluster\": \"prod\"}"));
        ToolResult ec2 = run(adapter, call("ec2-instances", "{" + T + ", \"tags\": {\"team\": \"web\"}}"));

        assertThat(asg.data().path("desired").asInt()).isEqualTo(3);
        assertThat(asg.data().path("min").asInt()).isEqualTo(2);
        assertThat(asg.data().path("max").asInt()).isEqualTo(10);
        assertThat(metric.data().path("latest").asDouble()).isEqualTo(42.5);
        assertThat(metric.data().path("values").toString()).isEqualTo("[42.5,37.25]");
        assertThat(metric.data().path("max").asDouble()).isEqualTo(42.5);
        assertThat(ecs.data().path("desired").asInt()).isEqualTo(3);
        assertThat(ecs.data().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(eks.data().path("cluster").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(eks.data().path("nodegroups").path(0).path("name").asText()).isEqualTo("workers-a");
        assertThat(ec2.data().path("instances").path(0).path("id").asText()).isEqualTo("i-0123456789abcdef0");
        assertThat(ec2.data().path("instances").path(0).path("tags").path("team").asText()).isEqualTo("web");
        assertThat(AwsStubs.form(stubs.queryRequests("DescribeInstances").get(0)))
                .containsEntry("Filter.1.Name", "tag:team").containsEntry("Filter.1.Value.1", "web");
        List.of(asg, metric, ecs, eks, ec2).forEach(AwsActionsTest::assertNoSecret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cli", "sdk"})
    void setCapacityShouldCaptureTheCapacityReadBeforeAsItsInverseThenWriteWithBeforeAndAfter(String transport) {
        AwsAdapter adapter = adapter(transport);
        ToolAction action = adapter.action("asg-set-capacity").orElseThrow();
        ToolCall call = call("asg-set-capacity", "{" + T + ", \"name\": \"web-asg\", \"desired\": 5}");

        stubs.asgAfterWrite("SetDesiredCapacity", 5, 2, 10);
        Optional<ToolCall> inverse = action.captureInverse(call, RecordingToolContext.withTimeout(Duration.ofSeconds(60)));
        ToolResult r = run(adapter, call);

        assertThat(inverse).hasValueSatisfying(undo -> {
            assertThat(undo.action()).isEqualTo("asg-set-capacity");
            assertThat(undo.args().path("desired").asInt()).isEqualTo(3);
            assertThat(undo.args().path("min").asInt()).isEqualTo(2);
            assertThat(undo.args().path("max").asInt()).isEqualTo(10);
        });
        assertThat(AwsStubs.form(stubs.queryRequests("SetDesiredCapacity").get(0)))
                .containsEntry("AutoScalingGroupName", "web-asg").containsEntry("DesiredCapacity", "5");
        if (transport.equals("cli")) {
            assertThat(r.command()).as("the write's own command is its evidence").contains("set-desired-capacity");
        } else {
            assertThat(r.command()).contains("autoscaling:SetDesiredCapacity");
        }
        assertThat(r.data().path("before").path("desired").asInt()).isEqualTo(3);
        assertThat(r.data().path("after").path("desired").asInt()).isEqualTo(5);
        assertThat(r.externalIds()).containsEntry("aws.before", "{\"desired\":3,\"min\":2,\"max\":10}")
                .containsEntry("aws.after", "{\"desired\":5,\"min\":2,\"max\":10}")
                .containsEntry("aws.access_key_id", AwsStubs.LEASED_KEY_ID).containsKey("aws.started_at");
        assertNoSecret(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cli", "sdk"})
    void throttlingShouldBeRetriableForAReadOnly(String transport) {
        AwsAdapter adapter = adapter(transport);
        stubs.throttleQuery(AwsStubs.Query.AUTOSCALING, "DescribeAutoScalingGroups");
        stubs.throttleQuery(AwsStubs.Query.AUTOSCALING, "SetDesiredCapacity");

        Throwable read = catchThrowable(() -> run(adapter, call("asg-describe", "{" + T + ", \"name\": \"web-asg\"}")));
        stubs.reset();
        stubs.throttleQuery(AwsStubs.Query.AUTOSCALING, "SetDesiredCapacity");
        Throwable write = catchThrowable(() -> run(adapter, call("asg-set-capacity", "{" + T
                + ", \"name\": \"web-asg\", \"desired\": 5}")));

        assertThat(read).isInstanceOfSatisfying(RetriableToolException.class,
                e -> assertThat(e.failure()).isEqualTo(ToolFailure.RATE_LIMITED));
        assertThat(write).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.failure()).isEqualTo(ToolFailure.RATE_LIMITED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cli", "sdk"})
    void accessDeniedShouldNameTheActionAndAccountWithoutASecret(String transport) {
        stubs.denyJson(AwsStubs.Json.ECS, "DescribeServices", "ecs:DescribeServices",
                "arn:aws:ecs:eu-west-1:123456789012:service/prod/web");

        Throwable denied = catchThrowable(() -> run(adapter(transport), call("ecs-service", "{" + T
                + ", \"cluster\": \"prod\", \"service\": \"web\"}")));

        assertThat(denied).isInstanceOfSatisfying(ToolException.class, e -> {
            assertThat(e.failure()).isEqualTo(ToolFailure.FORBIDDEN);
            assertThat(e.getMessage()).contains("aws ecs-service in account 'prod' (123456789012), eu-west-1")
                    .contains("AccessDeniedException");
            AwsCli.assertNoCanary(List.of(e.getMessage(), e.partial().map(ToolResult::toString).orElse("")));
            assertThat(e.partial()).hasValueSatisfying(p -> assertThat(p.externalIds())
                    .containsEntry("aws.access_key_id", AwsStubs.LEASED_KEY_ID));
        });
    }

    @Test
    void accountRegionAndAllowListsShouldBeRefusedAtPlanTimeBeforeAnyAwsCall() {
        AwsAdapter adapter = adapter("sdk");
        assertThat(adapter.action("whoami").orElseThrow().targetProblems(call("whoami",
                "{\"account\": \"prod\", \"region\": \"us-east-1\"}")))
                .containsExactly("region: 'us-east-1' is not a region of AWS account 'prod' (regions: [eu-west-1, eu-central-1])");
        assertThat(adapter.action("whoami").orElseThrow().targetProblems(call("whoami",
                "{\"account\": \"staging\", \"region\": \"eu-west-1\"}")))
                .singleElement().asString().startsWith("account: 'staging' is not an AWS account of environment 'prod'");
        assertThat(adapter.action("asg-set-capacity").orElseThrow().targetProblems(call("asg-set-capacity",
                "{" + T + ", \"name\": \"db-asg\", \"desired\": 1}")))
                .singleElement().asString().startsWith("name: Auto Scaling group 'db-asg' is not in the environment's "
                        + "autoscaling-groups");
        assertThat(adapter.action("asg-set-capacity").orElseThrow().targetProblems(call("asg-set-capacity",
                "{" + T + ", \"name\": \"batch-nightly\", \"desired\": 1}"))).isEmpty();
        assertThat(stubs.allRequests().stream().filter(r -> !r.getBodyAsString().contains("Action=AssumeRole")))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cli", "sdk"})
    void anInstanceWithoutTheRequiredTagsShouldBeRefusedBeforeItIsStopped(String transport) {
        AwsAdapter adapter = new AwsAdapter(new AwsRuntime(catalogRequiring("team=db"), adapterSelector(transport),
                new io.carapulse.tools.cli.CliInvoker(runner), AwsWorld.sessions()));

        Throwable refused = catchThrowable(() -> run(adapter, call("ec2-stop", "{" + T
                + ", \"instance_ids\": [\"i-0123456789abcdef0\"]}")));

        assertThat(refused).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.failure()).isEqualTo(ToolFailure.TARGET_NOT_ALLOWED));
        assertThat(stubs.queryRequests("StopInstances")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cli", "sdk"})
    void stopShouldCaptureStartOfTheRunningInstancesAndDeactivateShouldCaptureActivate(String transport) {
        AwsAdapter adapter = adapter(transport);
        ToolCall stop = call("ec2-stop", "{" + T + ", \"instance_ids\": [\"i-0123456789abcdef0\"]}");
        ToolCall deactivate = call("iam-access-key-deactivate", "{" + T + ", \"user\": \"ci-deployer\", \"key_suffix\": \"KEY01\"}");

        Optional<ToolCall> start = adapter.action("ec2-stop").orElseThrow().captureInverse(stop,
                RecordingToolContext.withTimeout(Duration.ofSeconds(60)));
        Optional<ToolCall> activate = adapter.action("iam-access-key-deactivate").orElseThrow().captureInverse(deactivate,
                RecordingToolContext.withTimeout(Duration.ofSeconds(60)));
        ToolResult stopped = run(adapter, stop);
        ToolResult deactivated = run(adapter, deactivate);

        assertThat(start).hasValueSatisfying(s -> {
            assertThat(s.action()).isEqualTo("ec2-start");
            assertThat(s.args().path("instance_ids").toString()).isEqualTo("[\"i-0123456789abcdef0\"]");
        });
        assertThat(activate).hasValueSatisfying(a -> assertThat(a.action()).isEqualTo("iam-access-key-activate"));
        assertThat(AwsStubs.form(stubs.queryRequests("StopInstances").get(0))).containsEntry("InstanceId.1",
                "i-0123456789abcdef0");
        assertThat(AwsStubs.form(stubs.queryRequests("UpdateAccessKey").get(0))).containsEntry("UserName", "ci-deployer")
                .containsEntry("AccessKeyId", "AKIAQCIDEPLOYERKEY01").containsEntry("Status", "Inactive");
        assertThat(stopped.data().path("instances").path(0).path("before").asText()).isEqualTo("running");
        assertThat(deactivated.output() + deactivated.data() + deactivated.externalIds()).doesNotContain("AKIAQCIDEPLOYERKEY01");
        assertNoSecret(stopped);
        assertNoSecret(deactivated);
    }

    private io.carapulse.tools.transport.TransportSelector adapterSelector(String transport) {
        return new io.carapulse.tools.transport.TransportSelector(new io.carapulse.tools.binary.BinaryLocator(
                transport.equals("cli") ? "/usr/bin" : "/nonexistent", java.time.Clock.systemUTC()),
                List.of(io.carapulse.tools.transport.ToolSettings.defaults("aws")));
    }

    private static io.carapulse.config.EnvironmentCatalog catalogRequiring(String tag) {
        Map<String, Object> account = new java.util.LinkedHashMap<>();
        account.put("name", "prod");
        account.put("account-id", "123456789012");
        account.put("role-arn", ROLE);
        account.put("external-id", "env:PROD_EXTERNAL_ID");
        account.put("regions", List.of("eu-west-1"));
        account.put("endpoint-url", stubs.endpoint().toString());
        AwsSection section = new AwsSection(List.of(new AwsProperties(AwsWorld.ENV, new AwsProperties.Aws(List.of(account),
                null, null, null, null, null, List.of(tag), null, null))));
        return new io.carapulse.config.EnvironmentCatalog(List.of(new io.carapulse.config.EnvironmentProperties(
                AwsWorld.ENV, null, List.of("operator"), List.of("approver"), List.of("operator"), false, false,
                List.of("admin"), Duration.ofHours(24), List.of("local"))), List.of(section));
    }

    @Test
    void anSdkCallShouldStopAtTheStepsDeadlineAndNotStartWhenCancelled() {
        AwsAdapter adapter = adapter("sdk");
        stubs.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matching(
                        "(?s)(.*&)?Action=DescribeAutoScalingGroups(&.*)?"))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(200).withFixedDelay(20_000)));
        ToolCall describe = call("asg-describe", "{" + T + ", \"name\": \"web-asg\"}");
        RecordingToolContext cancelled = RecordingToolContext.withTimeout(Duration.ofSeconds(60));
        cancelled.cancel();

        Throwable late = catchThrowable(() -> adapter.action("asg-describe").orElseThrow().execute(describe,
                RecordingToolContext.withTimeout(Duration.ofSeconds(3))));
        int before = stubs.queryRequests("DescribeAutoScalingGroups").size();
        Throwable stopped = catchThrowable(() -> adapter.action("asg-describe").orElseThrow().execute(describe, cancelled));

        assertThat(late).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.failure()).isEqualTo(ToolFailure.TIMED_OUT));
        assertThat(stopped).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.failure()).isEqualTo(ToolFailure.CANCELLED));
        assertThat(stubs.queryRequests("DescribeAutoScalingGroups")).hasSize(before);
    }
}
