package io.carapulse.tools.boundary;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.tools.boundary.internal.BoundaryRest;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.transport.TransportSelector;
import io.micronaut.core.util.SupplierUtil;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * HashiCorp Boundary: reads (scopes, targets, sessions) and just-in-time access (grant-access,
 * revoke-access) and incident response (session-cancel) on an environment's declared scopes, targets and
 * roles, through the {@code boundary} CLI or Boundary's REST API. The server logs in with the environment's
 * password auth method and keeps the token in memory; the CLI gets it only through the lease (S4). See
 * {@code docs/tools/boundary.md}.
 */
@Singleton
public class BoundaryAdapter implements ToolAdapter {

    private final EnvironmentCatalog environments;
    private final TransportSelector selector;
    private final List<ToolAction> actions;

    @Inject
    public BoundaryAdapter(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli) {
        this(environments, selector, cli, System::getenv, Clock.systemUTC());
    }

    /** For tests: {@code secretEnvironment} resolves {@code env:} secret references. */
    public BoundaryAdapter(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli,
                           Function<String, String> secretEnvironment, Clock clock) {
        this.environments = environments;
        this.selector = selector;
        // built at the first request: a client loads the trust store and starts a thread, which an
        // installation without a Boundary should not pay for at start-up
        Supplier<HttpClient> http = SupplierUtil.memoized(() -> HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build());
        BoundaryRest rest = new BoundaryRest(http, env -> BoundaryRuntime.instance(environments, env),
                secretEnvironment, clock);
        BoundaryRuntime r = new BoundaryRuntime(environments, selector, cli, rest);
        this.actions = List.of(new BoundaryScopes(r), new BoundaryTargets(r), new BoundaryTargetGet(r),
                new BoundarySessions(r), new BoundaryGrantAccess(r), new BoundaryRevokeAccess(r),
                new BoundarySessionCancel(r));
    }

    @Override
    public String name() {
        return BoundaryRuntime.TOOL;
    }

    @Override
    public String description() {
        return "HashiCorp Boundary: scopes, targets and sessions of the environment; just-in-time access through "
                + "declared roles; ending live sessions";
    }

    @Override
    public List<ToolAction> actions() {
        return actions;
    }

    @Override
    public Set<Transport> availableTransports() {
        // the REST path needs one declared somewhere
        return selector.available(BoundaryRuntime.TOOL, BoundaryRuntime.TOOL, environments, BoundaryInstance.class);
    }
}
