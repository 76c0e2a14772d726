package io.carapulse.tools.aws;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * AWS through the {@code aws} CLI v2, with SDK v2 clients as the fallback. Every call assumes the
 * account's role with STS first; account and region are arguments checked against the environment's
 * inventory, writes against its allow-lists (S6). See {@code docs/tools/aws.md}.
 */
@Singleton
public class AwsAdapter implements ToolAdapter {

    private final AwsRuntime runtime;
    private final List<ToolAction> actions;

    public AwsAdapter(AwsRuntime runtime) {
        this.runtime = runtime;
        this.actions = List.of(new AwsWhoami(runtime), new AwsResources(runtime), new AwsCloudTrailEvents(runtime),
                new AwsMetricData(runtime), new AwsLogsQuery(runtime), new AwsEc2Instances(runtime),
                new AwsAsgDescribe(runtime), new AwsEksCluster(runtime), new AwsEcsService(runtime),
                new AwsAsgSetCapacity(runtime), new AwsEksNodegroupScale(runtime), new AwsEcsServiceScale(runtime),
                new AwsEc2Stop(runtime), new AwsEc2Start(runtime), new AwsIamAccessKeyDeactivate(runtime),
                new AwsIamAccessKeyActivate(runtime), new AwsEcsForceDeploy(runtime), new AwsEc2Reboot(runtime),
                new AwsEc2Terminate(runtime));
    }

    @Override
    public String name() {
        return AwsRuntime.TOOL;
    }

    @Override
    public String description() {
        return "AWS: identity, resources, CloudTrail, metrics, logs, EC2, Auto Scaling, EKS, ECS; scale, stop/start, "
                + "reboot and IAM key writes in the environment's accounts, each call with its own assumed-role session";
    }

    @Override
    public List<ToolAction> actions() {
        return actions;
    }

    @Override
    public Set<Transport> availableTransports() {
        return runtime.selector().available(AwsRuntime.TOOL, AwsRuntime.TOOL);
    }
}
