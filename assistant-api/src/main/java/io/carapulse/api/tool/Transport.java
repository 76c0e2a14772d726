package io.carapulse.api.tool;

/** How a tool action reached the outside world; recorded in every piece of evidence. */
public enum Transport {
    /** The tool's command-line binary, run through the process runner. */
    CLI,
    /** The service's HTTP API or SDK. */
    HTTP,
    /** Nothing outside the process (test fakes, pure computations). */
    LOCAL;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
