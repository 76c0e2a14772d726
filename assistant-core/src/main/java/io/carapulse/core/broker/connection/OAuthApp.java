package io.carapulse.core.broker.connection;

import io.carapulse.config.SecretRef;
import java.net.URI;
import java.util.List;

/**
 * One provider's OAuth app, from {@code carapulse.broker.oauth.<provider>.*}: its client id, where its
 * client secret lives (resolved at the point of use), the scopes asked for and the provider's endpoints.
 *
 * @param revokeUrl GitLab's revocation endpoint; null for GitHub, which revokes through {@code apiUrl}
 */
record OAuthApp(ConnectionProvider provider, String clientId, SecretRef clientSecret, List<String> scopes,
                URI authorizeUrl, URI tokenUrl, URI revokeUrl, URI apiUrl, URI redirectUri) {

    /** The configuration key of {@code name} for this provider, e.g. {@code carapulse.broker.oauth.github.client-id}. */
    static String key(ConnectionProvider provider, String name) {
        return OAuthApps.PREFIX + "." + provider.wire() + "." + name;
    }

    /** Never the secret (it is a reference anyway), so the record may be logged. */
    @Override
    public String toString() {
        return "OAuthApp[" + provider.wire() + ", clientId=" + clientId + ", clientSecret=" + clientSecret
                + ", scopes=" + scopes + ", tokenUrl=" + tokenUrl + "]";
    }
}
