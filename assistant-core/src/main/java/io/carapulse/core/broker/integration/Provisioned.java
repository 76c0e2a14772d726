package io.carapulse.core.broker.integration;

import java.net.URI;
import java.util.Map;
import java.util.TreeSet;

/**
 * What linking an auth type the broker mints from (a GitHub App, a GitLab credential provider) prepared
 * before anything is stored: who the service says the identity is, the URL it lives at, the secrets to store
 * (secret name → value: the app's private key, or the token just minted), where the credential comes from
 * ({@link Source}, without its integration id yet) and what the audit record adds. {@code toString} shows
 * no secret.
 */
record Provisioned(Identity identity, URI baseUrl, Map<String, String> secrets, Source source,
                   Map<String, Object> details) {

    Provisioned {
        secrets = Map.copyOf(secrets);
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    @Override
    public String toString() {
        return "Provisioned[" + identity.username() + ", " + baseUrl + ", secrets=" + new TreeSet<>(secrets.keySet())
                + ", " + source.kind() + "]";
    }
}
