package io.carapulse.tools.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.boundary.internal.BoundaryApi;
import io.carapulse.tools.boundary.internal.RoleGrants;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code boundary.grant-access}: just-in-time access for a named person — adds a principal to a declared
 * role whose grants let it open sessions on a declared target ({@code boundary roles add-principals -id …
 * -principal … -version …} or {@code POST /v1/roles/{id}:add-principals}). The role is read first: its
 * grants must cover the target ({@link RoleGrants}) and its {@code version} is the check-and-set Boundary
 * requires; a principal that is already there is left as it is (running twice changes nothing). Reversible:
 * the inverse, captured before the change, is {@code revoke-access} of that principal from that role — or
 * nothing when the principal already had the role, so undoing never takes away access it did not give.
 */
public final class BoundaryGrantAccess extends BoundaryAction<BoundaryGrantAccess.Arguments> {

    /** Check-and-set attempts when someone else changes the role between the read and the write. */
    static final int ATTEMPTS = 3;

    /** The arguments of {@code boundary.grant-access}. */
    public record Arguments(
            @Arg(value = BoundaryTargetGet.TARGET, pattern = BoundaryIds.TARGET) String target,
            @Arg(value = "the role (r_…) to add the principal to; one of the environment's Boundary roles",
                    pattern = BoundaryIds.ROLE) String role,
            @Arg(value = "who gets access: a user (u_…), group (g_…) or managed group (mgoidc_…, mgldap_…)",
                    pattern = BoundaryIds.PRINCIPAL) String principal) {
    }

    public BoundaryGrantAccess(BoundaryRuntime runtime) {
        super(runtime, "grant-access", ActionClass.WRITE,
                "Give a person access to one of the environment's Boundary targets by adding them to a declared "
                        + "role whose grants cover it (undone by revoke-access)",
                Arguments.class, true, Duration.ofMinutes(2));
    }

    @Override
    protected void declared(BoundaryInstance boundary, Arguments args, List<String> problems) {
        require("target", args.target(), boundary.targets(), "targets", problems);
        require("role", args.role(), boundary.roles(), "roles", problems);
    }

    /** {@code revoke-access} of the principal, unless the role already has it (then nothing to undo). */
    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        BoundaryApi.Reply role = runtime.api(call, context).readRole(args.role());
        if (hasPrincipal(role.body(), args.principal())) {
            return Optional.empty();
        }
        return Optional.of(other(call, BoundaryRevokeAccess.NAME, BoundaryRevokeAccess.Arguments.class,
                new BoundaryRevokeAccess.Arguments(args.role(), args.principal())));
    }

    @Override
    protected ToolResult run(BoundaryApi api, Arguments args, ToolCall call, ToolContext context) {
        BoundaryRuntime.Target target = runtime.target(api, call.environment(), args.target());
        Map<String, String> ids = Map.of("targetId", target.id(), "roleId", args.role(), "principalId",
                args.principal());
        for (int attempt = 1; ; attempt++) {
            BoundaryApi.Reply role = api.readRole(args.role());
            if (!RoleGrants.cover(role.body(), target.item())) {
                throw new ToolException(ToolFailure.TARGET_NOT_ALLOWED, "role " + args.role() + "'s grants do not let "
                        + "its principals open sessions on target " + args.target() + " (" + target.id() + ")",
                        role.evidence());
            }
            if (hasPrincipal(role.body(), args.principal())) {
                return BoundaryRuntime.withData(role.evidence(), outcome(false, role.body()), ids);
            }
            try {
                BoundaryApi.Reply added = api.addPrincipal(args.role(), role.body().path("version").asLong(),
                        args.principal());
                return BoundaryRuntime.withData(added.evidence(), outcome(true, added.body()), ids);
            } catch (ToolException e) {
                if (e.failure() != ToolFailure.CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Whether the role (as Boundary shapes it) lists {@code principal}. */
    static boolean hasPrincipal(JsonNode role, String principal) {
        for (JsonNode p : role.path("principal_ids")) {
            if (principal.equals(p.asText())) {
                return true;
            }
        }
        return false;
    }

    /** What a verify step can assert on: whether this call changed the role, and the role now. */
    static ObjectNode outcome(boolean changed, JsonNode role) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("changed", changed);
        data.put("roleVersion", role.path("version").asLong());
        data.set("principalIds", role.path("principal_ids").isArray() ? role.get("principal_ids")
                : JsonNodeFactory.instance.arrayNode());
        return data;
    }
}
