package io.carapulse.tools.boundary.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.lease.CredentialLease;
import io.carapulse.tools.process.ProcessOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link BoundaryApi} over the {@code boundary} CLI for one call. Every command ends with
 * {@code -format json -keyring-type none -token env://BOUNDARY_TOKEN}: the CLI reads the token from the
 * leased variable named there (the form the CLI documents; reading {@code BOUNDARY_TOKEN} directly is
 * deprecated), never from argv (S4), and neither reads nor writes a keyring. The controller's address is
 * the leased {@code BOUNDARY_ADDR}; {@code BOUNDARY_SKIP_CACHE_DAEMON} and {@code BOUNDARY_SKIP_CLIENT_AGENT}
 * keep the token from being handed to a local daemon. The token comes from the server's own login
 * ({@link BoundaryRest#token}); when the CLI reports 401 it is dropped and the command runs once more with a
 * new one.
 */
public final class CliBoundaryApi implements BoundaryApi {

    /** The variable the CLI reads its token from, named on argv as {@code env://BOUNDARY_TOKEN}. */
    public static final String TOKEN_VARIABLE = "BOUNDARY_TOKEN";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COMMON = List.of("-format", "json", "-keyring-type", "none",
            "-token", "env://" + TOKEN_VARIABLE);

    /** Runs the CLI: the family runtime's invoker with its exit mapper. */
    @FunctionalInterface
    public interface Runner {
        ProcessOutcome run(Path binary, List<String> args, CredentialLease lease, ToolContext ctx);
    }

    private final Runner runner;
    private final Path binary;
    private final BoundaryRest rest;
    private final String environment;
    private final String address;
    private final ToolContext ctx;

    public CliBoundaryApi(Runner runner, Path binary, BoundaryRest rest, String environment, String address,
                          ToolContext ctx) {
        this.runner = runner;
        this.binary = binary;
        this.rest = rest;
        this.environment = environment;
        this.address = address;
        this.ctx = ctx;
    }

    @Override
    public Reply readTarget(String id) {
        return item(List.of("targets", "read", "-id", id));
    }

    @Override
    public Reply listTargets(String scope, Optional<String> filter) {
        List<String> args = new ArrayList<>(List.of("targets", "list", "-scope-id", scope));
        if (BoundaryApi.recursive(scope)) {
            args.add("-recursive");
        }
        filter.ifPresent(f -> args.addAll(List.of("-filter", f)));
        return items(args);
    }

    @Override
    public Reply readScope(String id) {
        return item(List.of("scopes", "read", "-id", id));
    }

    @Override
    public Reply listSessions(String scope, String filter, boolean includeTerminated) {
        List<String> args = new ArrayList<>(List.of("sessions", "list", "-scope-id", scope));
        if (BoundaryApi.recursive(scope)) {
            args.add("-recursive");
        }
        args.addAll(List.of("-filter", filter));
        if (includeTerminated) {
            args.add("-include-terminated");
        }
        return items(args);
    }

    @Override
    public Reply readSession(String id) {
        return item(List.of("sessions", "read", "-id", id));
    }

    @Override
    public Reply readRole(String id) {
        return item(List.of("roles", "read", "-id", id));
    }

    @Override
    public Reply addPrincipal(String role, long version, String principal) {
        return item(List.of("roles", "add-principals", "-id", role, "-principal", principal,
                "-version", Long.toString(version)));
    }

    @Override
    public Reply removePrincipal(String role, long version, String principal) {
        return item(List.of("roles", "remove-principals", "-id", role, "-principal", principal,
                "-version", Long.toString(version)));
    }

    /** The CLI's {@code sessions cancel} takes no version: it reads the session's itself. */
    @Override
    public Reply cancelSession(String id, long version) {
        return item(List.of("sessions", "cancel", "-id", id));
    }

    private Reply item(List<String> args) {
        Run run = run(args);
        JsonNode item = run.json().path("item");
        if (!item.isObject()) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "boundary " + args.get(0) + " " + args.get(1)
                    + " printed no item", run.evidence());
        }
        return new Reply(item, run.evidence());
    }

    private Reply items(List<String> args) {
        Run run = run(args);
        JsonNode items = run.json().path("items");
        // the CLI prints "items": null for an empty list
        return new Reply(items.isArray() ? items : JSON.createArrayNode(), run.evidence());
    }

    private record Run(JsonNode json, ToolResult evidence) {
    }

    private Run run(List<String> args) {
        List<String> argv = new ArrayList<>(args);
        argv.addAll(COMMON);
        String token = rest.token(environment, ctx);
        ProcessOutcome outcome;
        try {
            outcome = once(argv, token);
        } catch (ToolException e) {
            if (e.failure() != ToolFailure.UNAUTHENTICATED) {
                throw e;
            }
            rest.forget(environment, token);
            outcome = once(argv, rest.token(environment, ctx));
        }
        ToolResult evidence = CliInvoker.result(outcome, null, Map.of());
        try {
            JsonNode json = JSON.readTree(outcome.stdout());
            if (json == null || !json.isObject()) {
                throw new IOException("not an object");
            }
            return new Run(json, evidence);
        } catch (IOException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "boundary printed output that is not JSON (or was cut at "
                    + "the output cap)", evidence);
        }
    }

    private ProcessOutcome once(List<String> argv, String token) {
        try (CredentialLease lease = CredentialLease.open()) {
            lease.putSetting("BOUNDARY_ADDR", address);
            lease.putEnv(TOKEN_VARIABLE, token);
            lease.putSetting("BOUNDARY_SKIP_CACHE_DAEMON", "true");
            lease.putSetting("BOUNDARY_SKIP_CLIENT_AGENT", "true");
            lease.addSecret(rest.password(environment));
            return runner.run(binary, argv, lease, ctx);
        }
    }
}
