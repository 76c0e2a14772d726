package io.carapulse.tools.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.tools.aws.internal.AwsClients;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.UpdateStatus;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The real AWS CLI v2 and the real AWS SDK v2 against the same stubs, one or two calls per wire
 * protocol: both parse the answers, both sign with the leased temporary key only.
 */
class AwsWireProtocolsTest extends AwsStubbedTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final String METRIC_QUERIES = "[{\"Id\":\"cpu\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/EC2\","
            + "\"MetricName\":\"CPUUtilization\",\"Dimensions\":[{\"Name\":\"AutoScalingGroupName\",\"Value\":\"web-asg\"}]},"
            + "\"Period\":300,\"Stat\":\"Average\"}}]";

    @Test
    void shouldAnswerGetCallerIdentityAsTheAssumedRoleAfterAnAssumeRoleThatNamesWhoAndWhat() {
        assertThat(AwsStubs.form(stubs.queryRequests("AssumeRole").get(0))).contains(
                entry("RoleArn", ROLE), entry("RoleSessionName", "carapulse-exec-7-2"),
                entry("SourceIdentity", "alice@example.com"),
                entry("Tags.member.1.Key", "plan-id"), entry("Tags.member.1.Value", "plan-42"),
                entry("Tags.member.2.Key", "approver"), entry("Tags.member.2.Value", "bob@example.com"),
                entry("Tags.member.3.Key", "environment"), entry("Tags.member.3.Value", "prod"),
                entry("ExternalId", EXTERNAL_ID), entry("DurationSeconds", "3600"));

        JsonNode cli = cli("sts", "get-caller-identity").json();
        try (StsClient sts = AwsClients.build(StsClient.builder(), account, session)) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo(session.assumedRoleArn());
        }

        assertThat(cli.path("Account").asText()).isEqualTo("123456789012");
        assertThat(cli.path("Arn").asText()).isEqualTo(session.assumedRoleArn());
        assertThat(stubs.queryRequests("GetCallerIdentity")).hasSize(2)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).contains("/eu-west-1/sts/aws4_request"));
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldDescribeAndStopInstancesInTheEc2Protocol() {
        JsonNode described = cli("ec2", "describe-instances", "--instance-ids", INSTANCE).json();
        JsonNode stopped = cli("ec2", "stop-instances", "--instance-ids", INSTANCE).json();
        try (Ec2Client ec2 = AwsClients.build(Ec2Client.builder(), account, session)) {
            var instance = ec2.describeInstances(r -> r.instanceIds(INSTANCE)).reservations().get(0).instances().get(0);
            assertThat(instance.state().name()).isEqualTo(InstanceStateName.RUNNING);
            assertThat(instance.tags()).anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=web"));
            assertThat(ec2.stopInstances(r -> r.instanceIds(INSTANCE)).stoppingInstances().get(0).currentState().name())
                    .isEqualTo(InstanceStateName.STOPPING);
        }

        JsonNode instance = described.at("/Reservations/0/Instances/0");
        assertThat(instance.path("InstanceId").asText()).isEqualTo(INSTANCE);
        assertThat(instance.at("/State/Name").asText()).isEqualTo("running");
        assertThat(instance.at("/Tags/1/Value").asText()).isEqualTo("web");
        assertThat(stopped.at("/StoppingInstances/0/CurrentState/Name").asText()).isEqualTo("stopping");
        assertThat(stubs.queryRequests("StopInstances")).hasSize(2)
                .allSatisfy(r -> assertThat(AwsStubs.form(r)).containsEntry("InstanceId.1", INSTANCE));
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldDescribeAndScaleAutoScalingGroupsInTheQueryProtocol() {
        JsonNode groups = cli("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "web-asg").json();
        AwsCli.Run scaled = cli("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "web-asg",
                "--desired-capacity", "5", "--honor-cooldown");
        try (AutoScalingClient asg = AwsClients.build(AutoScalingClient.builder(), account, session)) {
            assertThat(asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web-asg")).autoScalingGroups().get(0)
                    .desiredCapacity()).isEqualTo(3);
            asg.setDesiredCapacity(r -> r.autoScalingGroupName("web-asg").desiredCapacity(5).honorCooldown(true));
        }

        assertThat(groups.at("/AutoScalingGroups/0/DesiredCapacity").asInt()).isEqualTo(3);
        assertThat(groups.at("/AutoScalingGroups/0/Instances/0/LifecycleState").asText()).isEqualTo("InService");
        assertThat(scaled.outcome().exitCode()).isZero();
        assertThat(stubs.queryRequests("SetDesiredCapacity")).hasSize(2).allSatisfy(r -> assertThat(AwsStubs.form(r))
                .contains(entry("AutoScalingGroupName", "web-asg"), entry("DesiredCapacity", "5"),
                        entry("HonorCooldown", "true"), entry("Version", "2011-01-01")));
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldGetMetricDataInTheQueryProtocolFromBothTheCliAndTheSdk() throws Exception {
        JsonNode cli = cli("cloudwatch", "get-metric-data", "--metric-data-queries", METRIC_QUERIES,
                "--start-time", "2026-12-06T10:00:00Z", "--end-time", "2026-12-06T10:10:00Z").json();
        try (CloudWatchClient cw = AwsClients.build(CloudWatchClient.builder(), account, session)) {
            MetricDataQuery query = MetricDataQuery.builder().id("cpu").metricStat(s -> s.period(300).stat("Average")
                    .metric(m -> m.namespace("AWS/EC2").metricName("CPUUtilization")
                            .dimensions(d -> d.name("AutoScalingGroupName").value("web-asg")))).build();
            assertThat(cw.getMetricData(r -> r.metricDataQueries(query).startTime(Instant.parse("2026-12-06T10:00:00Z"))
                    .endTime(Instant.parse("2026-12-06T10:10:00Z"))).metricDataResults().get(0).values())
                    .containsExactly(42.5, 37.25);
        }

        assertThat(JSON.treeToValue(cli.at("/MetricDataResults/0/Values"), double[].class)).containsExactly(42.5, 37.25);
        // CLI 2.9.19 and SDK 2.40.2 both speak the query protocol to CloudWatch (newer models also offer
        // JSON and CBOR): form-encoded, no X-Amz-Target, no smithy-protocol header
        List<LoggedRequest> requests = stubs.queryRequests("GetMetricData");
        assertThat(requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(r.containsHeader("X-Amz-Target")).isFalse();
            assertThat(r.containsHeader("smithy-protocol")).isFalse();
            assertThat(AwsStubs.form(r)).contains(entry("Version", "2010-08-01"),
                    entry("MetricDataQueries.member.1.Id", "cpu"),
                    entry("MetricDataQueries.member.1.MetricStat.Metric.MetricName", "CPUUtilization"));
        });
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldLookUpCloudTrailEventsInJson() {
        JsonNode cli = cli("cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=ResourceName,AttributeValue=web-asg").json();
        try (CloudTrailClient trail = AwsClients.build(CloudTrailClient.builder(), account, session)) {
            var event = trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.RESOURCE_NAME)
                    .attributeValue("web-asg"))).events().get(0);
            assertThat(event.eventName()).isEqualTo("SetDesiredCapacity");
            assertThat(event.eventTime()).isEqualTo(Instant.ofEpochSecond(1765015200));
        }

        JsonNode event = cli.at("/Events/0");
        assertThat(event.path("EventId").asText()).isEqualTo("0d2f5a83-2d6c-4a8b-9f41-7b1c3e9e0a11");
        assertThat(event.path("Username").asText()).isEqualTo("carapulse-exec-6-0");
        // another session's temporary key id is kept (CloudTrail's join key; useless without its secret and
        // token); the lease still masks this call's own key id
        assertThat(event.path("AccessKeyId").asText()).isEqualTo("ASIAQOTHERSESSION001");
        assertThat(stubs.jsonRequests(AwsStubs.Json.CLOUDTRAIL, "LookupEvents")).hasSize(2)
                .allSatisfy(r -> assertThat(body(r).at("/LookupAttributes/0/AttributeValue").asText()).isEqualTo("web-asg"));
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldFilterAndQueryCloudWatchLogsInJson() {
        JsonNode filtered = cli("logs", "filter-log-events", "--log-group-name", "/ecs/web", "--filter-pattern", "GET").json();
        JsonNode started = cli("logs", "start-query", "--log-group-name", "/ecs/web", "--start-time", "1765015000",
                "--end-time", "1765016000", "--query-string", "fields @timestamp, @message").json();
        JsonNode results = cli("logs", "get-query-results", "--query-id", started.path("queryId").asText()).json();
        try (CloudWatchLogsClient logs = AwsClients.build(CloudWatchLogsClient.builder(), account, session)) {
            assertThat(logs.filterLogEvents(r -> r.logGroupName("/ecs/web").filterPattern("GET")).events().get(0).message())
                    .isEqualTo("GET /health 200");
            String id = logs.startQuery(r -> r.logGroupName("/ecs/web").startTime(1765015000L).endTime(1765016000L)
                    .queryString("fields @timestamp, @message")).queryId();
            assertThat(logs.getQueryResults(r -> r.queryId(id)).status()).isEqualTo(QueryStatus.COMPLETE);
        }

        assertThat(filtered.at("/events/0/timestamp").asLong()).isEqualTo(1765015499123L);
        assertThat(results.path("status").asText()).isEqualTo("Complete");
        assertThat(results.at("/results/0/1/value").asText()).isEqualTo("GET /health 200");
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldDescribeAndScaleEcsServicesInJson() {
        JsonNode described = cli("ecs", "describe-services", "--cluster", "prod", "--services", "web").json();
        JsonNode updated = cli("ecs", "update-service", "--cluster", "prod", "--service", "web", "--desired-count", "5").json();
        try (EcsClient ecs = AwsClients.build(EcsClient.builder(), account, session)) {
            assertThat(ecs.describeServices(r -> r.cluster("prod").services("web")).services().get(0).runningCount()).isEqualTo(3);
            assertThat(ecs.updateService(r -> r.cluster("prod").service("web").desiredCount(5)).service().desiredCount())
                    .isEqualTo(5);
        }

        assertThat(described.at("/services/0/deployments/0/rolloutState").asText()).isEqualTo("COMPLETED");
        assertThat(updated.at("/service/desiredCount").asInt()).isEqualTo(5);
        assertThat(stubs.jsonRequests(AwsStubs.Json.ECS, "UpdateService")).hasSize(2)
                .allSatisfy(r -> assertThat(body(r).path("desiredCount").asInt()).isEqualTo(5));
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldFindResourcesByTagInJson() {
        JsonNode cli = cli("resourcegroupstaggingapi", "get-resources", "--tag-filters", "Key=team,Values=web").json();
        try (ResourceGroupsTaggingApiClient tagging = AwsClients.build(ResourceGroupsTaggingApiClient.builder(), account, session)) {
            assertThat(tagging.getResources(r -> r.tagFilters(f -> f.key("team").values("web"))).resourceTagMappingList())
                    .singleElement().satisfies(m -> assertThat(m.resourceARN()).endsWith("instance/" + INSTANCE));
        }

        assertThat(cli.at("/ResourceTagMappingList/0/ResourceARN").asText()).endsWith("instance/" + INSTANCE);
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldDescribeAClusterAndScaleANodegroupInRestJson() {
        JsonNode cluster = cli("eks", "describe-cluster", "--name", "prod").json();
        JsonNode nodegroups = cli("eks", "list-nodegroups", "--cluster-name", "prod").json();
        JsonNode update = cli("eks", "update-nodegroup-config", "--cluster-name", "prod", "--nodegroup-name", "workers-a",
                "--scaling-config", "desiredSize=5").json();
        try (EksClient eks = AwsClients.build(EksClient.builder(), account, session)) {
            assertThat(eks.describeCluster(r -> r.name("prod")).cluster().status()).isEqualTo(ClusterStatus.ACTIVE);
            assertThat(eks.describeNodegroup(r -> r.clusterName("prod").nodegroupName("workers-a")).nodegroup()
                    .scalingConfig().desiredSize()).isEqualTo(3);
            assertThat(eks.updateNodegroupConfig(r -> r.clusterName("prod").nodegroupName("workers-a")
                    .scalingConfig(s -> s.desiredSize(5))).update().status()).isEqualTo(UpdateStatus.IN_PROGRESS);
        }

        assertThat(cluster.at("/cluster/version").asText()).isEqualTo("1.31");
        assertThat(nodegroups.path("nodegroups").toString()).isEqualTo("[\"workers-a\",\"system\"]");
        assertThat(update.at("/update/status").asText()).isEqualTo("InProgress");
        List<LoggedRequest> updates = stubs.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock
                        .urlPathEqualTo("/clusters/prod/node-groups/workers-a/update-config")));
        assertThat(updates).hasSize(2).allSatisfy(r -> {
            assertThat(body(r).path("scalingConfig").toString()).isEqualTo("{\"desiredSize\":5}");
            assertThat(body(r).path("clientRequestToken").asText()).isNotBlank();
        });
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldListAndDeactivateAccessKeysInTheQueryProtocol() {
        JsonNode keys = cli("iam", "list-access-keys", "--user-name", "ci-deployer").json();
        AwsCli.Run deactivated = cli("iam", "update-access-key", "--user-name", "ci-deployer", "--access-key-id",
                "AKIAQCIDEPLOYERKEY01", "--status", "Inactive");
        try (IamClient iam = AwsClients.build(IamClient.builder(), account, session)) {
            assertThat(iam.listAccessKeys(r -> r.userName("ci-deployer")).accessKeyMetadata().get(0).status())
                    .isEqualTo(StatusType.ACTIVE);
            iam.updateAccessKey(r -> r.userName("ci-deployer").accessKeyId("AKIAQCIDEPLOYERKEY01").status(StatusType.INACTIVE));
        }

        assertThat(keys.at("/AccessKeyMetadata/0/Status").asText()).isEqualTo("Active");
        assertThat(deactivated.outcome().exitCode()).isZero();
        assertThat(stubs.queryRequests("UpdateAccessKey")).hasSize(2).allSatisfy(r -> {
            assertThat(AwsStubs.form(r)).contains(entry("UserName", "ci-deployer"),
                    entry("AccessKeyId", "AKIAQCIDEPLOYERKEY01"), entry("Status", "Inactive"));
            assertThat(r.getHeader("Authorization")).contains("/iam/aws4_request");
        });
        assertSignedOnlyWithTheLease();
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + request.getBodyAsString(), e);
        }
    }
}
