package io.carapulse.cli.connect;

import io.carapulse.cli.CliEnvironment;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.GlobalOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picks the server and the token, first match wins.
 *
 * <ul>
 *   <li>server: {@code --server}, {@code CARAPULSE_SERVER}, the context's, {@code http://localhost:8080};</li>
 *   <li>token: {@code --token}, {@code CARAPULSE_TOKEN}, the context's, and — only when the server is on
 *       this machine — the local server's {@code $CARAPULSE_HOME/token}. The local admin token is never
 *       sent to another host.</li>
 * </ul>
 * The context is {@code --context}, else {@code current-context} of {@code config.yaml}.
 */
public final class ConnectionResolver {

    public static final String DEFAULT_SERVER = "http://localhost:8080";

    private final CliEnvironment env;

    public ConnectionResolver(CliEnvironment env) {
        this.env = env;
    }

    public Connection resolve(GlobalOptions options) {
        CliConfig config = new ConfigStore(Home.configFile(env)).load();
        ContextEntry context = context(options, config);
        String contextLabel = context == null ? null : "context " + context.name();

        String server;
        String serverFrom;
        if (options.server() != null) {
            server = options.server();
            serverFrom = "--server";
        } else if (env.variable("CARAPULSE_SERVER") != null) {
            server = env.variable("CARAPULSE_SERVER");
            serverFrom = "CARAPULSE_SERVER";
        } else if (context != null && context.server() != null) {
            server = context.server();
            serverFrom = contextLabel;
        } else {
            server = DEFAULT_SERVER;
            serverFrom = "default";
        }
        URI uri = serverUri(server);

        if (options.token() != null) {
            return new Connection(uri, options.token().strip(), serverFrom, "--token");
        }
        if (env.variable("CARAPULSE_TOKEN") != null) {
            return new Connection(uri, env.variable("CARAPULSE_TOKEN").strip(), serverFrom, "CARAPULSE_TOKEN");
        }
        if (context != null && !context.tokenSource().equals("-")) {
            return new Connection(uri, contextToken(context), serverFrom,
                    contextLabel + " (" + context.tokenSource() + ")");
        }
        Path local = Home.tokenFile(env);
        if (isLoopback(uri) && Files.isReadable(local)) {
            return new Connection(uri, read(local, "the local token file"), serverFrom, "local token file " + local);
        }
        return new Connection(uri, null, serverFrom, "none");
    }

    private ContextEntry context(GlobalOptions options, CliConfig config) {
        if (options.context() != null) {
            return config.context(options.context()).orElseThrow(() -> new CliException(ExitCode.NOT_FOUND,
                    "no context " + options.context() + " in " + Home.configFile(env)
                            + " (assistantctl config get-contexts lists them)"));
        }
        if (config.currentContext() == null) {
            return null;
        }
        return config.context(config.currentContext()).orElseThrow(() -> new CliException(ExitCode.USAGE,
                "current-context " + config.currentContext() + " of " + Home.configFile(env) + " names no context"));
    }

    private String contextToken(ContextEntry c) {
        if (c.tokenFile() != null) {
            Path file = Path.of(c.tokenFile().startsWith("~/")
                    ? env.userHome() + c.tokenFile().substring(1) : c.tokenFile());
            return read(file, "context " + c.name() + "'s token-file");
        }
        if (c.tokenEnv() != null) {
            String value = env.variable(c.tokenEnv());
            if (value == null) {
                throw new CliException(ExitCode.UNAUTHENTICATED,
                        "context " + c.name() + " takes its token from $" + c.tokenEnv() + ", which is not set");
            }
            return value.strip();
        }
        return c.token().strip();
    }

    private static String read(Path file, String what) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new CliException(ExitCode.UNAUTHENTICATED, what + " " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new CliException(ExitCode.UNAUTHENTICATED, "cannot read " + what + " " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }

    static URI serverUri(String server) {
        try {
            URI uri = new URI(server.strip().replaceAll("/+$", ""));
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw CliException.usage("server must be an http:// or https:// URL, not '" + server + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CliException.usage("server must be an http:// or https:// URL, not '" + server + "'");
        }
    }

    /** localhost, 127.0.0.0/8 or ::1, decided without asking DNS. */
    static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
