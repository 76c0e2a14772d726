package io.carapulse.core;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/** Starts the Carapulse server. */
public final class Application {

    /**
     * Set by {@code bin/carapulse-server} for the run that records its class-data-sharing archive:
     * start completely (on a throw-away home), then stop, so the JVM writes the classes it loaded.
     */
    static final String TRAINING = "CARAPULSE_CDS_TRAINING";

    private Application() {
    }

    public static void main(String[] args) {
        ServerDefaults.applyToSystemProperties();
        ApplicationContext context = Micronaut.build(args)
                .banner(false)
                .mainClass(Application.class)
                .start();
        if ("true".equals(System.getenv(TRAINING))) {
            context.close();
            System.exit(0);
        }
    }
}
