package io.carapulse.testkit.fake;

import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;

/** What every fake action shares: its declaration and the world it acts on. */
abstract class FakeAction implements ToolAction {

    protected final FakeWorld world;
    private final ActionDescriptor descriptor;

    FakeAction(FakeWorld world, ActionDescriptor descriptor) {
        this.world = world;
        this.descriptor = descriptor;
    }

    @Override
    public final ActionDescriptor descriptor() {
        return descriptor;
    }
}
