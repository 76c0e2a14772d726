package io.carapulse.testkit.fake;

import io.carapulse.api.tool.ActionClass;

/**
 * {@code fake.patch}: a reversible BREAK_GLASS write, so tests can drive the break-glass path (admin,
 * reason, approval) without a real tool.
 */
final class FakePatch extends ReplicaWrite {

    FakePatch(FakeWorld world) {
        super(world, "patch", ActionClass.BREAK_GLASS,
                "Force the replica count of a fake deployment outside the normal envelope.");
    }
}
