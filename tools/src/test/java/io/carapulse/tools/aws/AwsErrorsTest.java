package io.carapulse.tools.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.tool.ToolFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one table of what a failed AWS call means, from the CLI's stderr and from the SDK's error code. */
class AwsErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "254|An error occurred (AccessDenied) when calling the SetDesiredCapacity operation: no|FORBIDDEN",
            "254|An error occurred (AccessDeniedException) when calling the DescribeServices operation: no|FORBIDDEN",
            "254|An error occurred (UnauthorizedOperation) when calling the StopInstances operation: no|FORBIDDEN",
            "254|An error occurred (ThrottlingException) when calling the LookupEvents operation: Rate exceeded|RATE_LIMITED",
            "254|An error occurred (Throttling) when calling the DescribeAutoScalingGroups operation: Rate exceeded|RATE_LIMITED",
            "254|An error occurred (RequestLimitExceeded) when calling the DescribeInstances operation: x|RATE_LIMITED",
            "254|An error occurred (NoSuchEntity) when calling the ListAccessKeys operation: x|NOT_FOUND",
            "254|An error occurred (InvalidInstanceID.NotFound) when calling the StopInstances operation: x|NOT_FOUND",
            "254|An error occurred (ResourceNotFoundException) when calling the DescribeCluster operation: x|NOT_FOUND",
            "254|An error occurred (ClusterNotFoundException) when calling the UpdateService operation: x|NOT_FOUND",
            "254|An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: x|UNAUTHENTICATED",
            "254|An error occurred (IncorrectInstanceState) when calling the StartInstances operation: x|CONFLICT",
            "254|An error occurred (ScalingActivityInProgress) when calling the UpdateAutoScalingGroup operation: x|CONFLICT",
            "254|An error occurred (ValidationError) when calling the SetDesiredCapacity operation: x|INVALID_ARGUMENTS",
            "254|An error occurred (ServiceUnavailable) when calling the X operation: x|UNAVAILABLE",
            "255|Could not connect to the endpoint URL: \"https://ec2.eu-west-1.amazonaws.com/\"|UNAVAILABLE",
            "253|Unable to locate credentials. You can configure credentials by running \"aws configure\".|UNAUTHENTICATED",
            "252|usage: aws [options] <command> <subcommand>|INVALID_ARGUMENTS",
            "255|something else|TOOL_FAILED",
    })
    void shouldReadEveryCliFailure(int exit, String stderr, ToolFailure expected) {
        assertThat(AwsErrors.EXITS.code(exit, stderr)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"AccessDenied, FORBIDDEN", "ThrottlingException, RATE_LIMITED", "NoSuchEntity, NOT_FOUND",
            "InvalidInstanceID.NotFound, NOT_FOUND", "ExpiredToken, UNAUTHENTICATED", "RequestLimitExceeded, RATE_LIMITED"})
    void shouldReadTheSdksErrorCodesAlike(String code, ToolFailure expected) {
        assertThat(AwsErrors.failure(code)).isEqualTo(expected);
    }
}
