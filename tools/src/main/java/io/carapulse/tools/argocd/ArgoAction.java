package io.carapulse.tools.argocd;

import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.tools.argocd.internal.ArgoApps;
import java.util.List;

/** What every Argo CD action shares: its declaration, the applications gateway, and the S6 check. */
abstract class ArgoAction implements ToolAction {

    protected final ArgoApps apps;
    private final ActionDescriptor descriptor;

    ArgoAction(ArgoApps apps, ActionDescriptor descriptor) {
        this.apps = apps;
        this.descriptor = descriptor;
    }

    @Override
    public final ActionDescriptor descriptor() {
        return descriptor;
    }

    /** The environment declares an Argo CD; an app's project is checked when it is read at execute. */
    @Override
    public final List<String> targetProblems(ToolCall call) {
        return apps.targets().problems(call.environment());
    }
}
