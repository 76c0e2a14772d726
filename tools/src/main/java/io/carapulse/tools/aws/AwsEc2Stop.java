package io.carapulse.tools.aws;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import java.util.Optional;

/**
 * {@code aws.ec2-stop} (WRITE, reversible): stops instances. CLI: {@code aws ec2 stop-instances
 * --instance-ids <id>…}; SDK: {@code StopInstances}. The inverse is {@code ec2-start} of the instances that
 * were running.
 */
public final class AwsEc2Stop extends AwsEc2Action {

    public AwsEc2Stop(AwsRuntime runtime) {
        super(runtime, "ec2-stop", ActionClass.WRITE, "Stop EC2 instances; reversible: starts those that were running",
                true, "ec2:StopInstances", "stop-instances", c -> ids -> c.ec2().stopInstances(r -> r.instanceIds(ids)));
    }

    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        return inState(call, context, args, "running").map(ids -> other(call, "ec2-start", Arguments.class,
                new Arguments(args.account(), args.region(), ids)));
    }
}
