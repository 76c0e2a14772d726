package io.carapulse.tools.family;

import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.cli.ExitMapper;
import io.carapulse.tools.lease.CredentialLease;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.Selection;
import io.carapulse.tools.transport.TransportSelector;

import java.nio.file.Path;
import java.util.List;

/**
 * What every action of one family shares, one bean per family: the transport choice (CLI first, HTTP
 * fallback, per {@code carapulse.tools.<tool>}), running the family's CLI through {@link CliInvoker}
 * with a {@link CredentialLease} and the family's {@link ExitMapper}, and the family's
 * {@link HttpStatusMapper}. The family adds its own inventory lookups, leases and HTTP client.
 */
public abstract class FamilyRuntime {

    private final String tool;
    private final String binary;
    private final TransportSelector selector;
    private final CliInvoker cli;
    private final ExitMapper exits;
    private final HttpStatusMapper statuses;

    /**
     * @param tool     the tool name actions are called by, e.g. {@code kubectl}
     * @param binary   the CLI's executable name, e.g. {@code kubectl}, {@code aws}
     * @param selector the transport rules of this server
     * @param cli      runs CLIs
     * @param exits    the family's exit codes
     * @param statuses the family's HTTP statuses
     */
    protected FamilyRuntime(String tool, String binary, TransportSelector selector, CliInvoker cli, ExitMapper exits,
                            HttpStatusMapper statuses) {
        this.tool = tool;
        this.binary = binary;
        this.selector = selector;
        this.cli = cli;
        this.exits = exits;
        this.statuses = statuses;
    }

    public final String tool() {
        return tool;
    }

    public final ExitMapper exits() {
        return exits;
    }

    public final HttpStatusMapper statuses() {
        return statuses;
    }

    public final TransportSelector selector() {
        return selector;
    }

    /** Whether {@code environment} declares what the HTTP path needs (an API server, a token …). */
    protected abstract boolean hasHttpPath(String environment);

    /** CLI or HTTP for this call, decided once before anything runs. */
    public Selection select(ToolCall call, boolean actionHasHttpPath) {
        return selector.select(tool, binary, actionHasHttpPath && hasHttpPath(call.environment()));
    }

    /**
     * Runs the family's CLI: {@code args} built by an action from parsed arguments only (S5), the
     * credentials only through {@code lease} (S4), failures mapped by the family's exit mapper.
     */
    public ProcessOutcome cli(Path binaryPath, List<String> args, CredentialLease lease, ToolContext ctx) {
        return cli.run(binaryPath, args, lease, ctx, exits);
    }
}
