package io.carapulse.testkit.fake;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A tool adapter named {@code fake} that acts on an in-memory {@link FakeWorld} instead of a real
 * system, so the runtime's planning, approval, execution, rollback and evidence paths can be tested
 * end to end without kubectl or a cluster.
 *
 * <p>Actions: {@code get} (READ), {@code echo} (READ), {@code scale} (WRITE, reversible),
 * {@code sleep} (WRITE, cancellable), {@code fail} (WRITE, always fails), {@code patch}
 * (BREAK_GLASS, reversible). Every call is journaled in the world.
 */
public final class FakeTool implements ToolAdapter {

    /** The tool name plans use: {@code fake.scale}, {@code fake.get} ... */
    public static final String NAME = "fake";

    private final FakeWorld world;
    private final List<ToolAction> actions;

    /** A fake tool acting on {@code world}; several tools may share one world. */
    public FakeTool(FakeWorld world) {
        this.world = Objects.requireNonNull(world, "world");
        this.actions = List.of(
                new FakeGet(world),
                new FakeEcho(world),
                new FakeScale(world),
                new FakeSleep(world),
                new FakeFail(world),
                new FakePatch(world),
                new FakeConfigure(world));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "In-memory test double of a deployment tool; acts on nothing real.";
    }

    @Override
    public List<ToolAction> actions() {
        return actions;
    }

    @Override
    public Set<Transport> availableTransports() {
        return Set.of(Transport.LOCAL);
    }

    /** The world this tool acts on, for seeding and assertions. */
    public FakeWorld world() {
        return world;
    }
}
