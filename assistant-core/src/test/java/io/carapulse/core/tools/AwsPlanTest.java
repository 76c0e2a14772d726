package io.carapulse.core.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.cli.FakeBinary;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A whole AWS plan through the API: read an Auto Scaling group, set its capacity (approved by someone
 * else), verify a CloudWatch metric — which fails — and roll back to the capacity captured before the
 * write. A recording fake {@code aws} answers the service calls as the CLI v2 prints them; every call
 * first assumes the account's role through the SDK against a local STS (WireMock, the query protocol).
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsPlanTest implements TestPropertyProvider {

    static final String LEASED_SECRET = "canaryPlanLeaseSecret/7f3a9c1e2d4b5a6f+Z0q9w8";
    static final String LEASED_TOKEN = "IQoJb3JpZ2luX2VjEOz//////////canaryPlanSessionToken7f3a9c1e2d4b5a6f";
    static final String LEASED_KEY_ID = "ASIAQCARAPULSEPLAN01";
    static final String ASG = "{\"AutoScalingGroups\": [{\"AutoScalingGroupName\": \"web-asg\", \"DesiredCapacity\": 3,"
            + " \"MinSize\": 2, \"MaxSize\": 10, \"Instances\": [{\"InstanceId\": \"i-0123456789abcdef0\","
            + " \"LifecycleState\": \"InService\", \"HealthStatus\": \"Healthy\", \"AvailabilityZone\": \"eu-west-1a\"}]}]}";
    static final String METRIC = "{\"MetricDataResults\": [{\"Id\": \"m0\", \"Label\": \"CPUUtilization\","
            + " \"Timestamps\": [\"2026-12-06T10:05:00+00:00\", \"2026-12-06T10:00:00+00:00\"],"
            + " \"Values\": [92.5, 88.0], \"StatusCode\": \"Complete\"}], \"Messages\": []}";
    static final String ASSUME_ROLE = """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <SourceIdentity>carapulse</SourceIdentity>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::123456789012:assumed-role/carapulse/carapulse-session</Arn>
                  <AssumedRoleId>AROAQCARAPULSEROLE01:carapulse-session</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>%s</AccessKeyId>
                  <SecretAccessKey>%s</SecretAccessKey>
                  <SessionToken>%s</SessionToken>
                  <Expiration>2099-01-01T00:00:00Z</Expiration>
                </Credentials>
                <PackedPolicySize>6</PackedPolicySize>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """.formatted(LEASED_KEY_ID, LEASED_SECRET, LEASED_TOKEN);

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    private final WireMockServer sts = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private FakeBinary aws;

    @Override
    public Map<String, String> getProperties() {
        try {
            sts.start();
            sts.stubFor(post(urlPathEqualTo("/")).withRequestBody(matching("(?s)(.*&)?Action=AssumeRole(&.*)?"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(ASSUME_ROLE)));
            // the server's own identity, used only to call STS (the SDK's default chain reads these first)
            System.setProperty("aws.accessKeyId", "AKIAQCARAPULSESERVER");
            System.setProperty("aws.secretAccessKey", "serverOwnSecret/never+in+a+child+0123456789");
            Path dir = Files.createTempDirectory("carapulse-aws");
            aws = FakeBinary.builder(dir, "aws")
                    .answer(List.of("autoscaling", "describe-auto-scaling-groups"), ASG)
                    .answer(List.of("cloudwatch", "get-metric-data"), METRIC)
                    .answer(List.of("autoscaling", "set-desired-capacity"), "")
                    .answer(List.of("autoscaling", "update-auto-scaling-group"), "")
                    .printVariable("AWS_SECRET_ACCESS_KEY").printVariable("AWS_SESSION_TOKEN").stdout("{}").build();
            String account = "carapulse.environments.prod.aws.accounts[0].";
            Map<String, String> p = new HashMap<>();
            p.put(account + "name", "prod");
            p.put(account + "account-id", "123456789012");
            p.put(account + "role-arn", "arn:aws:iam::123456789012:role/carapulse");
            p.put(account + "regions", "eu-west-1");
            p.put(account + "endpoint-url", "http://127.0.0.1:" + sts.port());
            p.put("carapulse.environments.prod.aws.autoscaling-groups", "web-asg");
            p.put("carapulse.tools.aws.binary", aws.path().toString());
            p.put("carapulse.tools.aws.transport", "cli");
            return p;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void stop() {
        sts.stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void aFailedMetricVerifyShouldRollTheCapacityBackToWhatWasReadBeforeTheWrite() {
        TestHttp http = new TestHttp(server.getURL());
        String operator = tokens.create(Actor.SYSTEM, "aws-operator", List.of("operator")).token();
        String approver = tokens.create(Actor.SYSTEM, "aws-approver", List.of("approver")).token();
        String t = "\"account\": \"prod\", \"region\": \"eu-west-1\"";
        String plan = """
                {"environment": "prod", "summary": "scale web-asg to 6",
                 "steps": [
                   {"tool": "aws", "action": "asg-describe", "args": {%1$s, "name": "web-asg"}},
                   {"tool": "aws", "action": "asg-set-capacity", "args": {%1$s, "name": "web-asg", "desired": 6}},
                   {"tool": "aws", "action": "metric-data", "stage": "verify",
                    "args": {%1$s, "namespace": "AWS/EC2", "metric": "CPUUtilization",
                             "dimensions": {"AutoScalingGroupName": "web-asg"}, "stat": "Average",
                             "period_seconds": 300, "minutes": 15},
                    "assert": {"pointer": "/latest", "op": "lte", "value": 80}}]}
                """.formatted(t);
        TestHttp.Response created = http.post("/v1/plans", operator, plan);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().at("/steps/1/class").asText()).isEqualTo("WRITE");
        assertThat(http.post("/v1/plans/" + id + "/approval", approver, "{\"decision\":\"approve\"}").status())
                .isEqualTo(200);
        String executionId = http.post("/v1/plans/" + id + "/execute", operator, "").json().get("executionId").asText();

        JsonNode execution = http.awaitExecution(executionId, operator);

        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("ROLLED_BACK");
        assertThat(execution.get("steps").findValuesAsText("kind")).containsExactly("act", "act", "verify", "rollback");
        List<List<String>> calls = aws.recorded().stream().map(FakeBinary.Invocation::args).toList();
        assertThat(calls).anySatisfy(a -> assertThat(a).startsWith("autoscaling", "set-desired-capacity",
                "--auto-scaling-group-name", "web-asg", "--desired-capacity", "6", "--region", "eu-west-1"));
        assertThat(calls).anySatisfy(a -> assertThat(a).startsWith("autoscaling", "update-auto-scaling-group",
                "--auto-scaling-group-name", "web-asg", "--min-size", "2", "--max-size", "10", "--desired-capacity", "3"));
        assertThat(aws.recorded()).allSatisfy(c -> {
            assertThat(c.env()).containsEntry("AWS_ACCESS_KEY_ID", LEASED_KEY_ID).containsEntry("AWS_REGION", "eu-west-1");
            assertThat(String.join(" ", c.argv())).doesNotContain(LEASED_SECRET, LEASED_TOKEN);
        });

        JsonNode evidence = http.get("/v1/executions/" + executionId + "/evidence", operator).json();
        assertThat(evidence.findValuesAsText("action")).contains("asg-describe", "asg-set-capacity", "metric-data");
        assertThat(evidence).hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode e : evidence) {
            assertThat(e.path("externalIds").path("aws.access_key_id").asText()).as(e.toString()).isEqualTo(LEASED_KEY_ID);
            assertThat(e.path("externalIds").path("aws.assumed_role_arn").asText()).startsWith("arn:aws:sts::123456789012:");
            assertThat(e.path("externalIds").path("aws.region").asText()).isEqualTo("eu-west-1");
        }
        assertThat(evidence.toString()).contains("\"aws.before\"").contains("{\\\"desired\\\":3,\\\"min\\\":2,\\\"max\\\":10}")
                .doesNotContain(LEASED_SECRET, LEASED_TOKEN, "serverOwnSecret");

        List<Map<String, String>> assumed = sts.findAll(postRequestedFor(urlPathEqualTo("/"))).stream()
                .map(r -> form(r.getBodyAsString())).toList();
        // every session is the step's: named by execution and step position, SourceIdentity the requester,
        // tagged with the plan, the approver and the environment (CloudTrail attributes the change to both)
        String requester = created.json().get("requester").asText();
        String decider = http.get("/v1/plans/" + id, operator).json().at("/approval/decidedBy").asText();
        assertThat(decider).startsWith("token:");
        assertThat(assumed).hasSizeGreaterThanOrEqualTo(4).allSatisfy(f -> {
            assertThat(f).containsEntry("RoleArn", "arn:aws:iam::123456789012:role/carapulse")
                    .containsEntry("Tags.member.1.Key", "plan-id").containsEntry("Tags.member.1.Value", id)
                    .containsEntry("Tags.member.2.Key", "approver").containsEntry("Tags.member.2.Value", decider)
                    .containsEntry("Tags.member.3.Key", "environment").containsEntry("Tags.member.3.Value", "prod");
            assertThat(f.get("RoleSessionName")).matches("carapulse-" + executionId + "-[0-2]");
            assertThat(f.get("SourceIdentity")).startsWith(requester.replace(':', '_'));
        });
        assertThat(assumed).extracting(f -> f.get("RoleSessionName"))
                .contains("carapulse-" + executionId + "-0", "carapulse-" + executionId + "-1",
                        "carapulse-" + executionId + "-2");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, Math.max(eq, 0)), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
