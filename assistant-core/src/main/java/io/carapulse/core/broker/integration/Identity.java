package io.carapulse.core.broker.integration;

import java.util.List;

/**
 * What a service said about a credential when it was checked: who it is and what it may do. Never the
 * credential.
 *
 * @param username   login, username, email address or display name; null when the service was not asked
 * @param externalId the service's id of that user; null when not known
 * @param scopes     the token's scopes when the service told them, else empty
 */
record Identity(String username, String externalId, List<String> scopes) {

    static final Identity UNKNOWN = new Identity(null, null, List.of());

    Identity {
        scopes = List.copyOf(scopes);
    }
}
