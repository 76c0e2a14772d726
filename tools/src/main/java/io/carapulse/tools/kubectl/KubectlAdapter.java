package io.carapulse.tools.kubectl;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/**
 * Kubernetes through {@code kubectl}, with the Kubernetes API (Fabric8) as the fallback. Every
 * action is namespaced: the namespace must be in the environment's inventory and {@code --context}
 * and {@code -n} are injected here, never taken from arguments (S6). See {@code docs/tools/kubectl.md}.
 */
@Singleton
public class KubectlAdapter implements ToolAdapter {

    private final KubectlRuntime runtime;
    private final List<ToolAction> actions;

    public KubectlAdapter(KubectlRuntime runtime) {
        this.runtime = runtime;
        this.actions = List.of(new KubectlGet(runtime), new KubectlDescribe(runtime), new KubectlEvents(runtime), new KubectlLogs(runtime),
                new KubectlRolloutStatus(runtime), new KubectlScale(runtime), new KubectlRolloutRestart(runtime),
                new KubectlRolloutUndo(runtime), new KubectlPatch(runtime));
    }

    @Override
    public String name() {
        return KubectlRuntime.TOOL;
    }

    @Override
    public String description() {
        return "Kubernetes: read objects, events, logs and rollout status; scale, restart and roll back workloads";
    }

    @Override
    public List<ToolAction> actions() {
        return actions;
    }

    /**
     * CLI when the kubectl binary is found; HTTP unless the settings force the CLI. Whether an
     * environment has an API server for the fallback is decided per call.
     */
    @Override
    public Set<Transport> availableTransports() {
        return runtime.selector().available(KubectlRuntime.TOOL, KubectlRuntime.TOOL);
    }
}
