package io.carapulse.tools.aws;

import static io.carapulse.tools.aws.AwsStubs.LEASED_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.tools.aws.internal.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * AWS's refusals in each wire protocol reach the CLI and the SDK as AWS's own error codes, with no
 * secret; throttling is retried as the lease says; and even a CLI that prints its credentials
 * shows them masked.
 */
class AwsErrorsAndCanariesTest extends AwsStubbedTestBase {

    /** The AWS CLI v2's exit code for an error AWS answered. */
    private static final int SERVICE_ERROR = 254;

    @Test
    void shouldSurfaceAccessDeniedInJsonToBoth() {
        stubs.denyJson(AwsStubs.Json.CLOUDTRAIL, "LookupEvents", "cloudtrail:LookupEvents", "*");

        AwsCli.Run cli = cli("cloudtrail", "lookup-events");
        try (CloudTrailClient trail = AwsClients.build(CloudTrailClient.builder(), account, session)) {
            assertThatThrownBy(trail::lookupEvents).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                assertThat(e.statusCode()).isEqualTo(400);
            });
        }

        assertThat(cli.outcome().exitCode()).isEqualTo(SERVICE_ERROR);
        assertThat(cli.outcome().stderr()).contains("An error occurred (AccessDeniedException) when calling the "
                + "LookupEvents operation: User: arn:aws:sts::123456789012:assumed-role/carapulse/carapulse-exec-7-2 "
                + "is not authorized to perform: cloudtrail:LookupEvents");
        // a refusal is not retried
        assertThat(stubs.jsonRequests(AwsStubs.Json.CLOUDTRAIL, "LookupEvents")).hasSize(2);
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldSurfaceAccessDeniedInTheQueryProtocolToBoth() {
        stubs.denyQuery(AwsStubs.Query.AUTOSCALING, "SetDesiredCapacity", "autoscaling:SetDesiredCapacity",
                "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:*:autoScalingGroupName/web-asg");

        AwsCli.Run cli = cli("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "web-asg",
                "--desired-capacity", "5");
        try (AutoScalingClient asg = AwsClients.build(AutoScalingClient.builder(), account, session)) {
            assertThatThrownBy(() -> asg.setDesiredCapacity(r -> r.autoScalingGroupName("web-asg").desiredCapacity(5)))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }

        assertThat(cli.outcome().exitCode()).isEqualTo(SERVICE_ERROR);
        assertThat(cli.outcome().stderr()).contains("An error occurred (AccessDenied) when calling the "
                + "SetDesiredCapacity operation: User: ").contains("autoscaling:SetDesiredCapacity");
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldSurfaceUnauthorizedOperationInTheEc2ProtocolToBoth() {
        stubs.denyQuery(AwsStubs.Query.EC2, "TerminateInstances", "ec2:TerminateInstances",
                "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0");

        AwsCli.Run cli = cli("ec2", "terminate-instances", "--instance-ids", "i-0123456789abcdef0");
        try (Ec2Client ec2 = AwsClients.build(Ec2Client.builder(), account, session)) {
            assertThatThrownBy(() -> ec2.terminateInstances(r -> r.instanceIds("i-0123456789abcdef0")))
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation"));
        }

        assertThat(cli.outcome().exitCode()).isEqualTo(SERVICE_ERROR);
        assertThat(cli.outcome().stderr()).contains("An error occurred (UnauthorizedOperation) when calling the "
                + "TerminateInstances operation: You are not authorized to perform this operation.");
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldSurfaceAccessDeniedInRestJsonToBoth() {
        stubs.denyEks("/clusters/prod", "eks:DescribeCluster", "arn:aws:eks:eu-west-1:123456789012:cluster/prod");

        AwsCli.Run cli = cli("eks", "describe-cluster", "--name", "prod");
        try (EksClient eks = AwsClients.build(EksClient.builder(), account, session)) {
            assertThatThrownBy(() -> eks.describeCluster(r -> r.name("prod")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }

        assertThat(cli.outcome().exitCode()).isEqualTo(SERVICE_ERROR);
        assertThat(cli.outcome().stderr()).contains("An error occurred (AccessDeniedException) when calling the "
                + "DescribeCluster operation: User: ").contains("eks:DescribeCluster");
        assertSignedOnlyWithTheLease();
    }

    @Test
    void shouldRetryThrottlingThreeAttemptsInAllInTheCliAndTheSdk() {
        stubs.throttleJson(AwsStubs.Json.ECS, "DescribeServices");

        AwsCli.Run cli = cli("ecs", "describe-services", "--cluster", "prod", "--services", "web");
        assertThat(stubs.jsonRequests(AwsStubs.Json.ECS, "DescribeServices")).hasSize(3);
        try (EcsClient ecs = AwsClients.build(EcsClient.builder(), account, session)) {
            assertThatThrownBy(() -> ecs.describeServices(r -> r.cluster("prod").services("web")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    });
        }

        assertThat(cli.outcome().exitCode()).isEqualTo(SERVICE_ERROR);
        assertThat(cli.outcome().stderr()).contains("An error occurred (ThrottlingException) when calling the "
                + "DescribeServices operation (reached max retries: 2): Rate exceeded");
        assertThat(stubs.jsonRequests(AwsStubs.Json.ECS, "DescribeServices")).hasSize(6)
                .filteredOn(r -> r.containsHeader("amz-sdk-request"))
                .extracting(r -> r.getHeader("amz-sdk-request"))
                .containsExactly("attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3");
        assertSignedOnlyWithTheLease();
    }

    /** A canary over everything: here the redactor's credential-field patterns mask them too. */
    @Test
    void shouldMaskTheLeasedCredentialsEvenWhenTheCliPrintsThem() {
        JsonNode exported = cli("configure", "export-credentials", "--format", "process").json();

        assertThat(exported.path("AccessKeyId").asText()).isEqualTo(Redactor.MASK);
        assertThat(exported.path("SecretAccessKey").asText()).isEqualTo(Redactor.MASK);
        assertThat(exported.path("SessionToken").asText()).isEqualTo(Redactor.MASK);
    }

    @Test
    void shouldMaskTheSessionTokenInTheCliDebugLog() {
        AwsCli.Run debug = cli("--debug", "sts", "get-caller-identity");

        assertThat(debug.outcome().exitCode()).isZero();
        // botocore logs every request's headers at debug level, the token among them, in a form no
        // credential pattern knows: only the lease's own values mask it
        assertThat(debug.lines()).anySatisfy(line -> assertThat(line).contains("X-Amz-Security-Token")
                .contains(Redactor.MASK).doesNotContain(LEASED_TOKEN));
        assertSignedOnlyWithTheLease();
    }
}
