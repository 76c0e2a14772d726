package io.carapulse.tools.transport;

import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.Transport;
import io.carapulse.config.ConfigurationException;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.InventoryPart;
import io.carapulse.tools.binary.BinaryLocator;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Chooses how a call reaches its tool: the CLI when its binary is found (a configured path or the
 * server's {@code PATH}), otherwise the action's HTTP path, as the tool's {@link ToolSettings} allow.
 *
 * <p><strong>Selection happens before the call, never after it.</strong> A CLI that exists and
 * fails (non-zero exit, timeout) is a failure of the call, never a reason to fall back to HTTP: a
 * write must not run twice by two routes, and a broken CLI must be seen, not hidden (S9).
 *
 * <p>When nothing can serve the call the answer is a {@link ToolException} with code
 * {@code transport_unavailable} whose message names the binary to install. A configured binary that
 * is missing is a {@code ConfigurationException}, not a reason to use HTTP.
 */
@Singleton
public final class TransportSelector {

    /** The code of the exception raised when no transport can serve a call. */
    public static final ToolFailure UNAVAILABLE = ToolFailure.TRANSPORT_UNAVAILABLE;

    private final BinaryLocator locator;
    private final Map<String, ToolSettings> settings;

    /** A selector over every configured {@code carapulse.tools.<tool>} entry. */
    public TransportSelector(BinaryLocator locator, Collection<ToolSettings> settings) {
        this.locator = locator;
        this.settings = settings.stream().collect(Collectors.toUnmodifiableMap(ToolSettings::name, Function.identity()));
    }

    /**
     * The transports a tool can use right now, for {@code GET /v1/tools}: {@link Transport#CLI} when its
     * binary is found (and the settings do not force HTTP), {@link Transport#HTTP} unless the settings
     * force the CLI. A misconfigured binary path leaves only what does not need it.
     */
    public Set<Transport> available(String tool, String binaryName) {
        ToolSettings s = settings(tool);
        Set<Transport> out = EnumSet.noneOf(Transport.class);
        if (s.transport() != TransportMode.HTTP) {
            try {
                locate(s, binaryName).ifPresent(binary -> out.add(Transport.CLI));
            } catch (ConfigurationException e) {
                // the configured binary is missing: the CLI is not available until that is fixed
            }
        }
        if (s.transport() != TransportMode.CLI) {
            out.add(Transport.HTTP);
        }
        return out;
    }

    /**
     * As {@link #available(String, String)}, for a tool whose HTTP path goes where an environment's inventory
     * part says (an Argo CD server, a Vault, a Boundary controller): without {@link Transport#HTTP} while no
     * environment declares one.
     */
    public Set<Transport> available(String tool, String binaryName, EnvironmentCatalog environments,
                                    Class<? extends InventoryPart> httpTarget) {
        Set<Transport> out = available(tool, binaryName);
        if (environments.all().stream().noneMatch(e -> e.inventory().part(httpTarget).isPresent())) {
            out.remove(Transport.HTTP);
        }
        return out;
    }

    /** The settings of {@code tool}, or the defaults when it has none. */
    public ToolSettings settings(String tool) {
        return settings.getOrDefault(tool, ToolSettings.defaults(tool));
    }

    /**
     * The transport for one call.
     *
     * @param tool        the tool name, e.g. {@code kubectl}, which selects its settings
     * @param binaryName  the binary's file name, e.g. {@code kubectl} or {@code aws}
     * @param hasHttpPath whether the action can also run over HTTP/SDK
     * @throws ToolException with code {@code transport_unavailable} when neither transport can serve
     */
    public Selection select(String tool, String binaryName, boolean hasHttpPath) {
        ToolSettings s = settings(tool);
        return switch (s.transport()) {
            case HTTP -> {
                if (!hasHttpPath) {
                    throw unavailable(tool + " is configured for transport http (carapulse.tools." + tool
                            + ".transport), but this action has no HTTP path; install " + binaryName
                            + " and set the transport to auto or cli");
                }
                yield new Selection.Http();
            }
            case CLI -> cli(locate(s, binaryName)).orElseThrow(() -> unavailable(tool
                    + " is configured for transport cli (carapulse.tools." + tool + ".transport), but the "
                    + binaryName + " binary was not found; install " + binaryName + " on the server's PATH or set "
                    + "carapulse.tools." + tool + ".binary"));
            case AUTO -> {
                Optional<Selection> cli = cli(locate(s, binaryName));
                if (cli.isPresent()) {
                    yield cli.get();
                }
                if (hasHttpPath) {
                    yield new Selection.Http();
                }
                throw unavailable("this " + tool + " action needs the " + binaryName + " binary, which was not "
                        + "found, and has no HTTP path; install " + binaryName + " on the server's PATH or set "
                        + "carapulse.tools." + tool + ".binary");
            }
        };
    }

    private Optional<Path> locate(ToolSettings s, String binaryName) {
        return locator.locate(binaryName, s.binaryPath());
    }

    private static Optional<Selection> cli(Optional<Path> binary) {
        return binary.map(Selection.Cli::new);
    }

    private static ToolException unavailable(String message) {
        return new ToolException(UNAVAILABLE, message, null);
    }
}
