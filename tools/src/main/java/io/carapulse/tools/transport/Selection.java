package io.carapulse.tools.transport;

import io.carapulse.api.tool.Transport;
import java.nio.file.Path;
import java.util.Objects;

/** The transport chosen for one call; recorded in its evidence (S8). */
public sealed interface Selection {

    /** {@link Transport#CLI} or {@link Transport#HTTP}. */
    Transport transport();

    /** Run the binary at {@code binary} (absolute) through the process runner. */
    record Cli(Path binary) implements Selection {
        public Cli {
            Objects.requireNonNull(binary, "binary");
        }

        @Override
        public Transport transport() {
            return Transport.CLI;
        }
    }

    /** Use the action's HTTP/SDK path. */
    record Http() implements Selection {
        @Override
        public Transport transport() {
            return Transport.HTTP;
        }
    }
}
