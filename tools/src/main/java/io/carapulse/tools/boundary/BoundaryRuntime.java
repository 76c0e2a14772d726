package io.carapulse.tools.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.tools.boundary.internal.BoundaryApi;
import io.carapulse.tools.boundary.internal.BoundaryErrors;
import io.carapulse.tools.boundary.internal.BoundaryExitMapper;
import io.carapulse.tools.boundary.internal.BoundaryRest;
import io.carapulse.tools.boundary.internal.CliBoundaryApi;
import io.carapulse.tools.boundary.internal.RestBoundaryApi;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.family.FamilyRuntime;
import io.carapulse.tools.transport.Selection;
import io.carapulse.tools.transport.TransportSelector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every boundary action shares: the environment's Boundary (S6), the Boundary operations over the
 * chosen transport ({@link #api}), and the execute-time checks only a read can make — a target named by
 * name resolved in the declared scopes, a target's or a session's scope, a session's target.
 */
public final class BoundaryRuntime extends FamilyRuntime {

    /** The tool name and its binary. */
    public static final String TOOL = "boundary";

    private final EnvironmentCatalog environments;
    private final BoundaryRest rest;

    public BoundaryRuntime(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli,
                           BoundaryRest rest) {
        super(TOOL, TOOL, selector, cli, new BoundaryExitMapper(), BoundaryErrors.MAPPER);
        this.environments = environments;
        this.rest = rest;
    }

    /** The environment's Boundary, or a {@code target_not_allowed} refusal when it declares none. */
    public BoundaryInstance instance(String environment) {
        return instance(environments, environment);
    }

    /** {@link #instance(String)} in {@code environments}, for the REST client built before the runtime. */
    static BoundaryInstance instance(EnvironmentCatalog environments, String environment) {
        return declared(environments, environment).orElseThrow(() -> new ToolException(ToolFailure.TARGET_NOT_ALLOWED,
                "environment " + environment + " declares no Boundary", null));
    }

    private Optional<BoundaryInstance> declared(String environment) {
        return declared(environments, environment);
    }

    private static Optional<BoundaryInstance> declared(EnvironmentCatalog environments, String environment) {
        return environments.find(environment).map(Environment::inventory).flatMap(i -> i.part(BoundaryInstance.class));
    }

    /** Plan-time S6: the environment declares a Boundary. */
    public List<String> environmentProblems(String environment) {
        return declared(environment).isPresent() ? List.of()
                : List.of("environment " + environment + " declares no Boundary (boundary.address)");
    }

    @Override
    protected boolean hasHttpPath(String environment) {
        return declared(environment).isPresent();
    }

    /** The Boundary operations of one call over the CLI at {@code binary}. */
    public BoundaryApi cliApi(Path binary, String environment, ToolContext ctx) {
        String address = instance(environment).address().toString();
        return new CliBoundaryApi(this::cli, binary, rest, environment, address, ctx);
    }

    /** The Boundary operations of one call over the REST API; {@code read} for a READ action. */
    public BoundaryApi restApi(String environment, boolean read, ToolContext ctx) {
        return new RestBoundaryApi(rest, environment, read, ctx);
    }

    /** The operations over the transport this call would use (for an inverse's read). */
    public BoundaryApi api(ToolCall call, ToolContext ctx) {
        return select(call, true) instanceof Selection.Cli cli
                ? cliApi(cli.binary(), call.environment(), ctx)
                : restApi(call.environment(), false, ctx);
    }

    /** Whether the scope {@code item} (a target, a session) lives in is declared, or is a project of a declared org. */
    public boolean allowsScopeOf(String environment, JsonNode item) {
        Set<String> scopes = instance(environment).scopes();
        return scopes.contains("global") || scopes.contains(item.path("scope_id").asText())
                || scopes.contains(item.path("scope").path("parent_scope_id").asText("-"));
    }

    /** A target read, checked against the inventory. */
    public record Target(JsonNode item, ToolResult evidence) {
        public String id() {
            return item.path("id").asText();
        }
    }

    /**
     * The target {@code ref} names (plan time made sure the inventory declares it): read by id, or found by
     * name in the declared scopes, then read; refused with {@code target_not_allowed} when it lives outside
     * the declared scopes (S6).
     */
    public Target target(BoundaryApi api, String environment, String ref) {
        String id = ref;
        if (!BoundaryIds.isTargetId(ref)) {
            List<String> found = new ArrayList<>();
            for (String scope : new TreeSet<>(instance(environment).scopes())) {
                api.listTargets(scope, Optional.of("\"/item/name\" == \"" + ref + "\""))
                        .body().forEach(t -> {
                            if (ref.equals(t.path("name").asText()) && !found.contains(t.path("id").asText())) {
                                found.add(t.path("id").asText());
                            }
                        });
            }
            if (found.isEmpty()) {
                throw new ToolException(ToolFailure.NOT_FOUND, "no target named " + ref + " in environment "
                        + environment + "'s Boundary scopes " + sorted(instance(environment).scopes()), null);
            }
            if (found.size() > 1) {
                throw new ToolException(ToolFailure.CONFLICT, "several targets are named " + ref + " " + found
                        + "; declare the one meant by its id in boundary.targets", null);
            }
            id = found.get(0);
        }
        BoundaryApi.Reply read = api.readTarget(id);
        if (!allowsScopeOf(environment, read.body())) {
            throw new ToolException(ToolFailure.TARGET_NOT_ALLOWED, "target " + ref + " lives in scope "
                    + read.body().path("scope_id").asText() + ", which is not one of environment " + environment
                    + "'s Boundary scopes " + sorted(instance(environment).scopes()), read.evidence());
        }
        return new Target(read.body(), read.evidence());
    }

    /**
     * A session read, refused with {@code target_not_allowed} unless it lives in a declared scope and its
     * target is one the inventory declares (by id, or — reading the target — by name).
     */
    public BoundaryApi.Reply session(BoundaryApi api, String environment, String id) {
        BoundaryApi.Reply read = api.readSession(id);
        JsonNode session = read.body();
        BoundaryInstance b = instance(environment);
        String targetId = session.path("target_id").asText();
        if (!allowsScopeOf(environment, session)) {
            throw new ToolException(ToolFailure.TARGET_NOT_ALLOWED, "session " + id + " lives in scope "
                    + session.path("scope_id").asText() + ", which is not one of environment " + environment
                    + "'s Boundary scopes " + sorted(b.scopes()), read.evidence());
        }
        boolean declared = b.declaresTarget(targetId);
        if (!declared && b.targets().stream().anyMatch(t -> !BoundaryIds.isTargetId(t))) {
            declared = b.declaresTarget(api.readTarget(targetId).body().path("name").asText());
        }
        if (!declared) {
            throw new ToolException(ToolFailure.TARGET_NOT_ALLOWED, "session " + id + " is on target " + targetId
                    + ", which is not one of environment " + environment + "'s Boundary targets "
                    + sorted(b.targets()), read.evidence());
        }
        return read;
    }

    /** {@code evidence} with structured data and external ids added. */
    public static ToolResult withData(ToolResult evidence, JsonNode data, Map<String, String> externalIds) {
        Map<String, String> ids = new java.util.LinkedHashMap<>(evidence.externalIds());
        ids.putAll(externalIds);
        return new ToolResult(evidence.transport(), evidence.command(), evidence.exitCode(), evidence.httpStatus(),
                evidence.output(), data, ids, evidence.digest());
    }

    static String sorted(Set<String> values) {
        return new TreeSet<>(values).toString();
    }
}
