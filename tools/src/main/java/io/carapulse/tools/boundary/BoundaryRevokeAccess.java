package io.carapulse.tools.boundary;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.boundary.internal.BoundaryApi;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code boundary.revoke-access}: removes a principal from a declared role ({@code boundary roles
 * remove-principals -id … -principal … -version …} or {@code POST /v1/roles/{id}:remove-principals}) — the
 * inverse of {@code grant-access}, also usable on its own. The role is read first for its {@code version};
 * a principal that is not there is left as it is, so the inverse is safe to run twice (a revert that
 * fires after someone already removed the access succeeds and changes nothing).
 */
public final class BoundaryRevokeAccess extends BoundaryAction<BoundaryRevokeAccess.Arguments> {

    /** The action's name, which grant-access's inverse names. */
    static final String NAME = "revoke-access";

    /** The arguments of {@code boundary.revoke-access}. */
    public record Arguments(
            @Arg(value = "the role (r_…) to remove the principal from; one of the environment's Boundary roles",
                    pattern = BoundaryIds.ROLE) String role,
            @Arg(value = "whose access ends: a user (u_…), group (g_…) or managed group (mgoidc_…, mgldap_…)",
                    pattern = BoundaryIds.PRINCIPAL) String principal) {
    }

    public BoundaryRevokeAccess(BoundaryRuntime runtime) {
        super(runtime, NAME, ActionClass.WRITE,
                "Remove a person from one of the environment's Boundary roles (ends access grant-access gave)",
                Arguments.class, false, Duration.ofMinutes(2));
    }

    @Override
    protected void declared(BoundaryInstance boundary, Arguments args, List<String> problems) {
        require("role", args.role(), boundary.roles(), "roles", problems);
    }

    @Override
    protected ToolResult run(BoundaryApi api, Arguments args, ToolCall call, ToolContext context) {
        Map<String, String> ids = Map.of("roleId", args.role(), "principalId", args.principal());
        for (int attempt = 1; ; attempt++) {
            BoundaryApi.Reply role = api.readRole(args.role());
            if (!BoundaryGrantAccess.hasPrincipal(role.body(), args.principal())) {
                return BoundaryRuntime.withData(role.evidence(), BoundaryGrantAccess.outcome(false, role.body()), ids);
            }
            try {
                BoundaryApi.Reply removed = api.removePrincipal(args.role(), role.body().path("version").asLong(),
                        args.principal());
                return BoundaryRuntime.withData(removed.evidence(), BoundaryGrantAccess.outcome(true, removed.body()),
                        ids);
            } catch (ToolException e) {
                if (e.failure() != ToolFailure.CONFLICT || attempt == BoundaryGrantAccess.ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
