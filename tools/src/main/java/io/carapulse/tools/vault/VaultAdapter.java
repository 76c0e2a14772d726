package io.carapulse.tools.vault;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.transport.TransportSelector;
import io.carapulse.tools.vault.internal.VaultApi;
import io.carapulse.tools.vault.internal.VaultHttp;
import io.carapulse.tools.vault.internal.VaultSessions;
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
 * Vault: health, KV metadata (never values), leases, audit devices, database static-role rotation, through
 * the {@code vault} CLI (each call with a child token made for it and revoked after it) or Vault's HTTP API
 * through the Vault Java Driver's REST client. The address, namespace and login come from the inventory
 * (S6); no action ever returns a secret value (S4). See {@code docs/tools/vault.md}.
 */
@Singleton
public class VaultAdapter implements ToolAdapter {

    private final EnvironmentCatalog environments;
    private final TransportSelector selector;
    private final List<ToolAction> actions;

    @Inject
    public VaultAdapter(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli) {
        this(environments, selector, cli, System::getenv);
    }

    /** For tests: {@code secretEnvironment} resolves {@code env:} secret references. */
    public VaultAdapter(EnvironmentCatalog environments, TransportSelector selector, CliInvoker cli,
                        Function<String, String> secretEnvironment) {
        this.environments = environments;
        this.selector = selector;
        // built at the first call: an installation without a Vault should not pay for a client at start-up
        Supplier<HttpClient> http = SupplierUtil.memoized(() -> HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build());
        VaultHttp vaultHttp = new VaultHttp(http);
        VaultApi api = new VaultApi(vaultHttp, new VaultSessions(vaultHttp, secretEnvironment, Clock.systemUTC()));
        VaultRuntime runtime = new VaultRuntime(environments, selector, cli, api);
        this.actions = List.of(new VaultStatus(runtime), new VaultKvList(runtime), new VaultKvMetadata(runtime),
                new VaultLeaseLookup(runtime), new VaultAuditDevices(runtime), new VaultLeaseRenew(runtime),
                new VaultKvRollback(runtime), new VaultDbRotateRole(runtime), new VaultLeaseRevoke(runtime),
                new VaultLeaseRevokePrefix(runtime));
    }

    @Override
    public String name() {
        return VaultRuntime.TOOL;
    }

    @Override
    public String description() {
        return "Vault: health and seal state, KV metadata (never values), leases (look up, renew, revoke), "
                + "audit devices, KV rollback, database static-role rotation";
    }

    @Override
    public List<ToolAction> actions() {
        return actions;
    }

    @Override
    public Set<Transport> availableTransports() {
        // the REST path needs one declared somewhere
        return selector.available(VaultRuntime.TOOL, VaultRuntime.TOOL, environments, VaultInstance.class);
    }
}
