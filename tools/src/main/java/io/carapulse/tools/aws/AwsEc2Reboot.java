package io.carapulse.tools.aws;

import io.carapulse.api.tool.ActionClass;

/**
 * {@code aws.ec2-reboot} (WRITE, no inverse): reboots instances. CLI: {@code aws ec2 reboot-instances
 * --instance-ids <id>…}; SDK: {@code RebootInstances}.
 */
public final class AwsEc2Reboot extends AwsEc2Action {

    public AwsEc2Reboot(AwsRuntime runtime) {
        super(runtime, "ec2-reboot", ActionClass.WRITE, "Reboot EC2 instances (no inverse)", false,
                "ec2:RebootInstances", "reboot-instances", c -> ids -> c.ec2().rebootInstances(r -> r.instanceIds(ids)));
    }
}
