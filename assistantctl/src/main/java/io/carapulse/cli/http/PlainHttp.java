package io.carapulse.cli.http;

import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of a client that only speaks plain HTTP: it trusts nothing, so it can never
 * complete a handshake, and it costs no trust-store loading.
 */
final class PlainHttp {

    static final SSLContext CONTEXT = create();

    private PlainHttp() {
    }

    private static SSLContext create() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[0], null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is unavailable in this JVM", e);
        }
    }
}
