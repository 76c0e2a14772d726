package io.carapulse.cli;

import io.carapulse.cli.connect.Connection;
import io.carapulse.cli.connect.ConnectionResolver;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.Style;

/**
 * One invocation's context, handed to every command's constructor by {@link CliFactory}: the
 * process environment, the global options, and the API client, built on first use (so commands that
 * need no server, and {@code --help}, never resolve a connection).
 */
public final class Cli {

    private final CliEnvironment env;
    private final GlobalOptions options = new GlobalOptions();
    private ApiClient api;

    public Cli(CliEnvironment env) {
        this.env = env;
    }

    public CliEnvironment env() {
        return env;
    }

    public GlobalOptions options() {
        return options;
    }

    public Style style() {
        return new Style(env.colour());
    }

    /** The server and token this invocation uses. */
    public Connection connection() {
        return api().connection();
    }

    public ApiClient api() {
        if (api == null) {
            api = new ApiClient(new ConnectionResolver(env).resolve(options));
        }
        return api;
    }
}
