package io.carapulse.approvals.http;

import io.carapulse.config.ConfigurationException;
import java.net.URI;

/** Credentials travel to these URLs: https, or plain http only on the loopback interface (tests). */
public final class HttpsOnly {

    private HttpsOnly() {
    }

    public static URI check(String key, URI uri) {
        if (uri == null) {
            throw new ConfigurationException(key + " is required");
        }
        String host = uri.getHost();
        boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
            throw new ConfigurationException(key + " must be an https URL (http only for localhost): " + uri);
        }
        if (uri.getUserInfo() != null) {
            throw new ConfigurationException(key + " must not carry credentials; use the secret reference settings");
        }
        return uri;
    }
}
