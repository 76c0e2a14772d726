package io.carapulse.testkit.fake;

import io.carapulse.api.tool.ActionClass;

/** {@code fake.scale}: a reversible WRITE, the fake twin of {@code kubectl scale}. */
final class FakeScale extends ReplicaWrite {

    FakeScale(FakeWorld world) {
        super(world, "scale", ActionClass.WRITE, "Set the replica count of a fake deployment.");
    }
}
