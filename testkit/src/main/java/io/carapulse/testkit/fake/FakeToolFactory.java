package io.carapulse.testkit.fake;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Offers the {@link FakeTool} as a {@code ToolAdapter} bean, with its {@link FakeWorld}, when
 * {@code carapulse.testkit.fake-tools=true} (env {@code CARAPULSE_TESTKIT_FAKE_TOOLS=true}).
 *
 * <p>Off by default and gated on an explicit property, because the testkit jar on a production
 * classpath must never add a tool nobody asked for.
 */
@Factory
@Requires(property = FakeToolFactory.PROPERTY, value = "true")
public class FakeToolFactory {

    /** The switch that turns the fake tool on. */
    public static final String PROPERTY = "carapulse.testkit.fake-tools";

    /** The one world shared by the fake tool and by tests that inject it to seed and assert. */
    @Singleton
    FakeWorld fakeWorld() {
        return new FakeWorld();
    }

    /** The fake tool; injectable as {@code ToolAdapter} and as {@code FakeTool}. */
    @Singleton
    FakeTool fakeTool(FakeWorld world) {
        return new FakeTool(world);
    }
}
