package io.carapulse.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes, before or after its name ({@code assistantctl --server X plan list}
 * and {@code assistantctl plan list --server X} are the same). One instance per invocation, held by
 * {@link Cli}; picocli binds the inherited copies on each subcommand to this same instance.
 */
public final class GlobalOptions {

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Server URL (default: CARAPULSE_SERVER, else the current context, else http://localhost:8080).")
    String server;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "API token or OIDC access token (default: CARAPULSE_TOKEN, else the context's, "
                    + "else the local server's token file).")
    String token;

    @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Use this context of config.yaml instead of the current one.")
    String context;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Say which server and token source are used, and add the request to errors.")
    boolean verbose;

    public String server() {
        return server;
    }

    public String token() {
        return token;
    }

    public String context() {
        return context;
    }

    public boolean verbose() {
        return verbose;
    }
}
