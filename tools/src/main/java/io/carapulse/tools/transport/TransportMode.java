package io.carapulse.tools.transport;

/** Which transport an operator allows for a tool ({@code carapulse.tools.<tool>.transport}). */
public enum TransportMode {
    /** The CLI when its binary is found, otherwise the HTTP path if the action has one. */
    AUTO,
    /** Only the CLI; a missing binary is an error even when an HTTP path exists. */
    CLI,
    /** Only the HTTP path; an action without one is an error. */
    HTTP
}
