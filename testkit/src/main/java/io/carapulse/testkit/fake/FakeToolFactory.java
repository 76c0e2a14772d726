package io.carapulse.testkit.fake;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
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

    /** Deployments the world starts with, e.g. {@code web=2,api=5} (env {@code CARAPULSE_TESTKIT_FAKE_DEPLOYMENTS}). */
    public static final String DEPLOYMENTS = "carapulse.testkit.fake-deployments";

    /**
     * A file every executed call is appended to as well, shared by several server processes (env
     * {@code CARAPULSE_TESTKIT_FAKE_JOURNAL}); empty: the journal stays in memory.
     */
    public static final String JOURNAL = "carapulse.testkit.fake-journal";

    /**
     * The one world shared by the fake tool and by tests that inject it to seed and assert, seeded
     * from {@link #DEPLOYMENTS} so a packaged server has something to scale.
     */
    @Singleton
    FakeWorld fakeWorld(@Value("${" + DEPLOYMENTS + ":}") String deployments,
                        @Value("${" + JOURNAL + ":}") String journal) {
        FakeWorld world = new FakeWorld(journal.isBlank() ? null : java.nio.file.Path.of(journal));
        for (String entry : deployments.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2 || !kv[1].trim().matches("\\d{1,4}")) {
                throw new IllegalArgumentException(DEPLOYMENTS + ": expected name=replicas, got '" + entry + "'");
            }
            world.deploy(kv[0].trim(), Integer.parseInt(kv[1].trim()));
        }
        return world;
    }

    /** The fake tool's evidence follow-up ({@code fake.lookup}). */
    @Singleton
    FakeLookup fakeLookup() {
        return new FakeLookup();
    }

    /** The fake tool; injectable as {@code ToolAdapter} and as {@code FakeTool}. */
    @Singleton
    FakeTool fakeTool(FakeWorld world) {
        return new FakeTool(world);
    }
}
