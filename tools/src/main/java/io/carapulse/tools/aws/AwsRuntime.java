package io.carapulse.tools.aws;

import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.tools.aws.internal.AwsSession;
import io.carapulse.tools.aws.internal.AwsSessions;
import io.carapulse.tools.aws.internal.SessionContext;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.family.FamilyRuntime;
import io.carapulse.tools.transport.Selection;
import io.carapulse.tools.transport.TransportSelector;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every {@code aws} action shares: the environment's accounts and allow-lists (S6), one assumed-role
 * session per call (STS through the SDK, named for the execution and step, with the requester as
 * {@code SourceIdentity} and the plan, approver and environment as session tags), and the two ways to
 * reach AWS with it: the {@code aws} CLI with the session's credentials leased to it
 * ({@code --region} and {@code --endpoint-url} from the inventory, never from a step), or SDK v2 clients.
 * Failures are named by {@link AwsErrors} on both paths.
 */
@Singleton
public class AwsRuntime extends FamilyRuntime {

    public static final String TOOL = "aws";

    private final EnvironmentCatalog environments;
    private final AwsSessions sessions;

    /** The server's own AWS identity from the SDK's default chain, used only for sts:AssumeRole. */
    @Inject
    public AwsRuntime(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli) {
        this(environments, selector, cli, new AwsSessions());
    }

    public AwsRuntime(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli, AwsSessions sessions) {
        super(TOOL, TOOL, selector, cli, AwsErrors.EXITS, AwsErrors.STATUSES);
        this.environments = environments;
        this.sessions = sessions;
    }

    /** The environment's {@code aws} section, if it declares one. */
    public Optional<AwsInventory> inventory(String environment) {
        return environments.find(environment).flatMap(e -> e.inventory().part(AwsInventory.class));
    }

    /**
     * S6 problems of acting in {@code account}/{@code region} of {@code environment}, each naming the
     * argument; empty when the inventory declares both.
     */
    public List<String> targetProblems(String environment, String account, String region) {
        Optional<AwsInventory> inventory = inventory(environment);
        if (inventory.isEmpty()) {
            return List.of("account: environment '" + environment + "' declares no AWS accounts (aws.accounts)");
        }
        Optional<AwsAccount> a = inventory.get().account(account);
        if (a.isEmpty()) {
            return List.of("account: '" + account + "' is not an AWS account of environment '" + environment
                    + "' (accounts: " + inventory.get().accounts().stream().map(AwsAccount::name).toList() + ")");
        }
        if (!a.get().allowsRegion(region)) {
            return List.of("region: '" + region + "' is not a region of AWS account '" + account + "' (regions: "
                    + a.get().regions() + ")");
        }
        return List.of();
    }

    /** The allow-lists of {@code environment}; nothing when it declares none. */
    public AwsAllowList allow(String environment) {
        return inventory(environment).map(AwsInventory::allow).orElse(AwsAllowList.NONE);
    }

    /** The inventory's account (checked before by {@link #targetProblems}). */
    AwsAccount account(String environment, String account) {
        return inventory(environment).flatMap(i -> i.account(account)).orElseThrow(() ->
                new IllegalStateException("account checked before: " + account));
    }

    @Override
    protected boolean hasHttpPath(String environment) {
        return inventory(environment).isPresent();
    }

    /**
     * Who and what the session of this call is for, from the runtime's {@link ToolContext#origin()}: the
     * session name {@code carapulse-<execution>-<step>}, SourceIdentity the plan's requester, session tags
     * for the plan, the approver and the environment, so CloudTrail attributes the change to the person
     * who asked and the one who approved. A call without an origin (a direct call in a test) is the
     * server's own: step 0, requester {@code carapulse}, only the environment tag.
     */
    public static SessionContext sessionContext(ToolCall call, ToolContext context) {
        return context.origin()
                .map(o -> new SessionContext(o.executionId(), o.stepPosition(), o.planId(), o.requester(),
                        o.approver().orElse(null), call.environment()))
                .orElseGet(() -> new SessionContext(context.executionId(), 0, null, "carapulse", null,
                        call.environment()));
    }

    /** Assumes roles for this family's calls and follow-ups. */
    AwsSessions sessions() {
        return sessions;
    }

    /** Assumes the account's role for one call (every call gets its own session). */
    AwsSession assume(ToolCall call, ToolContext context, String account, String region) {
        return sessions.assume(account(call.environment(), account), region, sessionContext(call, context));
    }

    /**
     * A connection for one call through the transport chosen for it: the session is assumed on the first
     * request, the CLI (when {@code binary} is set) or SDK clients make the requests.
     */
    AwsCall open(Path binary, ToolCall call, ToolContext context, String action, String account, String region,
                 boolean read) {
        return new AwsCall(this, binary, call, context, action, account(call.environment(), account), region, read);
    }

    /** The same, choosing the transport as {@link #select} does (for reads made while capturing an inverse). */
    AwsCall open(ToolCall call, ToolContext context, String action, String account, String region) {
        Path binary = select(call, true) instanceof Selection.Cli c ? c.binary() : null;
        return open(binary, call, context, action, account, region, true);
    }

    /**
     * {@code <service> <operation> <args…> --region <r> [--endpoint-url <u>] --output json --no-cli-pager}: the
     * command built by the action from parsed arguments, then the global options from the inventory.
     */
    List<String> cliArgs(AwsAccount account, String region, List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--region", region));
        account.endpointUrl().ifPresent(u -> {
            args.add("--endpoint-url");
            args.add(u.toString());
        });
        args.addAll(List.of("--output", "json", "--no-cli-pager"));
        return args;
    }

    /** Closes the STS clients. */
    @PreDestroy
    public void close() {
        sessions.close();
    }
}
