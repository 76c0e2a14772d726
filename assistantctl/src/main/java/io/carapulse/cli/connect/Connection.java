package io.carapulse.cli.connect;

import java.net.URI;

/**
 * Where to send requests and with which token, and where each came from (for {@code --verbose} and
 * {@code doctor}; the sources never contain the token).
 *
 * @param token       the bearer token, or {@code null} to call without one
 * @param serverFrom  e.g. {@code --server}, {@code CARAPULSE_SERVER}, {@code context prod}, {@code default}
 * @param tokenFrom   e.g. {@code --token}, {@code context prod (env:PROD_TOKEN)}, {@code local token file …}, {@code none}
 */
public record Connection(URI server, String token, String serverFrom, String tokenFrom) {

    @Override
    public String toString() {
        // a record's toString would print the token
        return "Connection[" + server + " from " + serverFrom + ", token from " + tokenFrom + "]";
    }
}
