package io.carapulse.cli.command.connection;

/** The connection API's paths. */
final class Connections {

    static final String BASE = "/v1/connections";

    private Connections() {
    }
}
