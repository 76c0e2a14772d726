package io.carapulse.tools.kubectl.internal;

/**
 * The name shapes of kubectl arguments, declared on the actions' arguments records ({@code @Arg(pattern =
 * …)}): the schema publishes them and the one parse of the arguments matches each against the whole
 * value (S5), so no value can start with {@code -} or carry a line break.
 */
public final class Args {

    /** A DNS-1123 label: namespaces and container names. */
    public static final String LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    /** A DNS-1123 subdomain: object names. */
    public static final String NAME = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

    private Args() {
    }
}
