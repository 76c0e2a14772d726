package io.carapulse.tools.helm;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.transport.TransportSelector;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * Helm 3 releases in the namespaces an environment declares: reads ({@code list}, {@code status},
 * {@code history}, {@code get-values}) through the {@code helm} CLI or, without it, by decoding
 * Helm's release secrets through the Kubernetes API; writes ({@code upgrade}, {@code rollback})
 * through the CLI only, each recording a {@code rollback} as its inverse. Reference:
 * {@code docs/tools/helm.md}.
 */
@Singleton
public final class HelmAdapter implements ToolAdapter {

    private final TransportSelector selector;
    private final List<ToolAction> actions;

    public HelmAdapter(HelmCalls calls, HelmValuesRepo valuesRepo, HelmChartSources chartSources,
                       TransportSelector selector) {
        this.selector = selector;
        this.actions = List.of(new HelmList(calls), new HelmStatus(calls), new HelmHistory(calls),
                new HelmGetValues(calls), new HelmUpgrade(calls, valuesRepo, chartSources), new HelmRollback(calls));
    }

    @Override
    public String name() {
        return HelmCalls.TOOL;
    }

    @Override
    public String description() {
        return "Helm 3 releases: list, status, history and values (CLI or release secrets over the Kubernetes API); "
                + "upgrade and rollback (CLI)";
    }

    @Override
    public List<ToolAction> actions() {
        return actions;
    }

    /**
     * CLI when the {@code helm} binary is found; HTTP unless the tool is configured for the CLI only
     * (whether an environment has an API server and token is decided per call).
     */
    @Override
    public Set<Transport> availableTransports() {
        return selector.available(HelmCalls.TOOL, HelmCalls.TOOL);
    }
}
