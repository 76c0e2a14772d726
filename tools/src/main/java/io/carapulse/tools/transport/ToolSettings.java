package io.carapulse.tools.transport;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one tool runs, as written under {@code carapulse.tools.<tool>}:
 *
 * <pre>
 * carapulse:
 *   tools:
 *     kubectl:
 *       binary: /opt/kubectl/1.31/kubectl   # optional; default: search the server's PATH
 *       transport: auto                     # auto (default) | cli | http
 *       timeout: 2m                         # optional; caps every call of this tool
 * </pre>
 *
 * @param name      the tool (the map key), e.g. {@code kubectl}
 * @param binary    an absolute path to the binary, or {@code null} to search the {@code PATH}
 * @param transport which transports are allowed
 * @param timeout   an upper bound for every call of this tool, or {@code null} for the actions' own
 */
@EachProperty("carapulse.tools")
public record ToolSettings(
        @Parameter String name,
        @Nullable Path binary,
        @Bindable(defaultValue = "auto") TransportMode transport,
        @Nullable Duration timeout) {

    public ToolSettings {
        Objects.requireNonNull(name, "name");
        transport = transport == null ? TransportMode.AUTO : transport;
    }

    /** Settings for a tool nobody configured: PATH lookup, {@code auto}, the actions' timeouts. */
    public static ToolSettings defaults(String tool) {
        return new ToolSettings(tool, null, TransportMode.AUTO, null);
    }

    /** The configured binary path, if any. */
    public Optional<Path> binaryPath() {
        return Optional.ofNullable(binary);
    }

    /** The configured timeout cap, if any. */
    public Optional<Duration> timeoutCap() {
        return Optional.ofNullable(timeout);
    }
}
