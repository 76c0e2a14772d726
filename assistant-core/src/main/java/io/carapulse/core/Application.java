package io.carapulse.core;

import io.carapulse.core.startup.ServerLauncher;
import io.carapulse.core.startup.ShutdownSignals;
import io.micronaut.context.ApplicationContext;

/**
 * Starts the Carapulse server: its configuration is checked first, before anything starts (see
 * {@link ServerLauncher}); a setting that cannot work stops it with one line naming the setting.
 */
public final class Application {

    /**
     * Set by {@code bin/carapulse-server} for the run that records its class-data-sharing archive:
     * start completely (on a throw-away home), then stop, so the JVM writes the classes it loaded.
     */
    static final String TRAINING = "CARAPULSE_CDS_TRAINING";

    private Application() {
    }

    public static void main(String[] args) {
        try {
            ServerDefaults.applyToSystemProperties();
        } catch (ServerDefaults.Problem problem) {
            System.err.println(ServerLauncher.PREFIX + problem.getMessage());
            System.exit(ServerLauncher.CONFIGURATION_ERROR);
        }
        ApplicationContext context = ServerLauncher.of(args)
                .banner(false)
                .mainClass(Application.class)
                .start();
        if ("true".equals(System.getenv(TRAINING))) {
            context.close();
            System.exit(0);
        }
        ShutdownSignals.install(context);
    }
}
