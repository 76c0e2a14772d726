package io.carapulse.tools.argocd;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.tools.argocd.internal.ArgoRestClient;
import io.carapulse.tools.argocd.internal.ArgoTargets;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.transport.TransportSelector;
import io.micronaut.core.util.SupplierUtil;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Argo CD: reads (get, list, diff, history, wait) and writes (sync, rollback) on the applications of
 * an environment's projects, through the {@code argocd} CLI or the Argo CD REST API. The server
 * comes from the inventory ({@code --server … --grpc-web}), the token only from the lease's
 * {@code ARGOCD_AUTH_TOKEN} or the bearer header (S4, S6). See {@code docs/tools/argocd.md}.
 */
@Singleton
public class ArgoCdAdapter implements ToolAdapter {

    private final EnvironmentCatalog environments;
    private final TransportSelector selector;
    private final List<ToolAction> actions;

    @Inject
    public ArgoCdAdapter(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli) {
        this(environments, selector, cli, System::getenv);
    }

    /** For tests: {@code secretEnvironment} resolves {@code env:} secret references. */
    public ArgoCdAdapter(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli,
                         Function<String, String> secretEnvironment) {
        this.environments = environments;
        this.selector = selector;
        ArgoTargets targets = new ArgoTargets(environments, secretEnvironment);
        // built at the first REST call: a client loads the trust store and starts a thread, which an
        // installation without an Argo CD HTTP fallback should not pay for at start-up
        Supplier<HttpClient> http = SupplierUtil.memoized(() -> HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build());
        ArgoRuntime runtime = new ArgoRuntime(targets, selector, cli, new ArgoRestClient(http, targets));
        this.actions = List.of(new ArgoAppGet(runtime), new ArgoAppList(runtime), new ArgoAppDiff(runtime),
                new ArgoAppHistory(runtime), new ArgoAppWait(runtime), new ArgoAppSync(runtime),
                new ArgoAppRollback(runtime));
    }

    @Override
    public String name() {
        return ArgoRuntime.TOOL;
    }

    @Override
    public String description() {
        return "Argo CD applications of the environment's projects: status, diff, history, wait, sync, rollback";
    }

    @Override
    public List<ToolAction> actions() {
        return actions;
    }

    @Override
    public Set<Transport> availableTransports() {
        // the REST path needs one declared somewhere
        return selector.available(ArgoRuntime.TOOL, ArgoRuntime.TOOL, environments, ArgoCdInstance.class);
    }
}
