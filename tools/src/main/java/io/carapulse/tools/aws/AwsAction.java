package io.carapulse.tools.aws;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.FamilyAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every {@code aws} action: the family shape ({@link FamilyAction}) with the account and the region as
 * targets (S6: both from the environment's inventory, never free), and for writes the allow-lists
 * ({@link #allowProblems}), checked at plan time and again before anything runs. An action writes its
 * logic once, in {@link #run}, against an {@link AwsCall} that makes each request through the CLI or the
 * SDK, whichever the call got.
 *
 * @param <A> the action's arguments
 */
public abstract class AwsAction<A extends Record & AwsAction.Target> extends FamilyAction<A, AwsRuntime> {

    /** The arguments every aws action has. */
    public interface Target {
        /** An account name of the environment's {@code aws.accounts}. */
        String account();

        /** One of that account's regions. */
        String region();
    }

    protected static final String ACCOUNT = "AWS account, by its name in the environment's inventory (aws.accounts)";
    protected static final String REGION = "AWS region, one of the account's regions in the inventory";
    /** An inventory account name: a DNS label. */
    protected static final String ACCOUNT_PATTERN = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    /** A region name. */
    protected static final String REGION_PATTERN = "[a-z]{2}(-(gov|iso[a-z]?))?-[a-z]+-[0-9]{1,2}";
    /** A resource name (Auto Scaling group, ECS cluster or service, EKS node group …); never option-like. */
    protected static final String NAME_PATTERN = "[A-Za-z0-9_][A-Za-z0-9._@+=/#-]{0,254}";
    /** An EC2 instance id. */
    protected static final String INSTANCE_PATTERN = "i-[0-9a-f]{8,17}";

    private final String name;

    protected AwsAction(AwsRuntime runtime, String name, ActionClass actionClass, String description, Class<A> argsType,
                        boolean reversible, Duration timeout) {
        super(runtime, name, actionClass, description, argsType, reversible, Set.of(Transport.CLI, Transport.HTTP),
                timeout);
        this.name = name;
    }

    @Override
    protected final List<String> targets(String environment, A args) {
        List<String> problems = new ArrayList<>(runtime.targetProblems(environment, args.account(), args.region()));
        if (problems.isEmpty()) {
            problems.addAll(allowProblems(runtime.allow(environment), args));
        }
        return problems;
    }

    /**
     * For writes (and log queries): one line per target the environment's allow-lists do not list, naming
     * the argument. Targets only a read can judge (an instance's tags) are checked in {@link #run}.
     */
    protected List<String> allowProblems(AwsAllowList allow, A args) {
        return List.of();
    }

    private boolean isRead() {
        return descriptor().actionClass() == ActionClass.READ;
    }

    @Override
    protected final ToolResult viaCli(Path binary, A args, ToolCall call, ToolContext context) {
        try (AwsCall aws = runtime.open(binary, call, context, name, args.account(), args.region(), isRead())) {
            return run(aws, args, call, context);
        }
    }

    @Override
    protected final ToolResult viaHttp(A args, ToolCall call, ToolContext context) {
        try (AwsCall aws = runtime.open(null, call, context, name, args.account(), args.region(), isRead())) {
            return run(aws, args, call, context);
        }
    }

    /** A read made while capturing an inverse, through the transport the call would get. */
    protected final AwsCall readNow(ToolCall call, ToolContext context, A args) {
        return runtime.open(call, context, name, args.account(), args.region());
    }

    /** The action, once for both transports. */
    protected abstract ToolResult run(AwsCall aws, A args, ToolCall call, ToolContext context);
}
