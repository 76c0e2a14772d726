package io.carapulse.tools.aws;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import java.util.Optional;

/**
 * {@code aws.ec2-start} (WRITE, reversible): starts instances. CLI: {@code aws ec2 start-instances
 * --instance-ids <id>…}; SDK: {@code StartInstances}. The inverse is {@code ec2-stop} of the instances that
 * were stopped.
 */
public final class AwsEc2Start extends AwsEc2Action {

    public AwsEc2Start(AwsRuntime runtime) {
        super(runtime, "ec2-start", ActionClass.WRITE, "Start EC2 instances; reversible: stops those that were stopped",
                true, "ec2:StartInstances", "start-instances", c -> ids -> c.ec2().startInstances(r -> r.instanceIds(ids)));
    }

    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        return inState(call, context, args, "stopped").map(ids -> other(call, "ec2-stop", Arguments.class,
                new Arguments(args.account(), args.region(), ids)));
    }
}
