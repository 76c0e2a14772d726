package io.carapulse.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this build, as the build wrote it into {@code io/carapulse/api/version.properties}.
 * The server reports it at {@code GET /v1/version}; {@code assistantctl version} prints its own and the
 * server's.
 */
public final class CarapulseVersion {

    private static final String RESOURCE = "/io/carapulse/api/version.properties";

    private CarapulseVersion() {
    }

    /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the resource is missing. */
    public static String current() {
        try (InputStream in = CarapulseVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown").strip();
            // an unfiltered copy (an IDE build that skipped resource filtering) still says ${...}
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
