package io.carapulse.core;

import io.micronaut.runtime.Micronaut;

/** Starts the Carapulse server. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        ServerDefaults.applyToSystemProperties();
        Micronaut.build(args)
                .banner(false)
                .mainClass(Application.class)
                .start();
    }
}
