package io.carapulse.tools.aws;

import io.carapulse.api.tool.ActionClass;

/**
 * {@code aws.ec2-terminate} (BREAK_GLASS, no inverse): terminates instances for good. CLI: {@code aws ec2
 * terminate-instances --instance-ids <id>…}; SDK: {@code TerminateInstances}.
 */
public final class AwsEc2Terminate extends AwsEc2Action {

    public AwsEc2Terminate(AwsRuntime runtime) {
        super(runtime, "ec2-terminate", ActionClass.BREAK_GLASS, "Terminate EC2 instances for good (break-glass, no inverse)",
                false, "ec2:TerminateInstances", "terminate-instances",
                c -> ids -> c.ec2().terminateInstances(r -> r.instanceIds(ids)));
    }
}
