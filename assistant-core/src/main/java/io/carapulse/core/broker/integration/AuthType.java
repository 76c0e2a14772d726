package io.carapulse.core.broker.integration;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One way a provider authenticates: its name ({@code pat}, {@code app}, {@code automated}, …), the keys
 * of {@code credentials} it takes (exactly these; none when the broker mints the credential itself), and
 * which of them are secrets and under which secret name's key ({@code privateKey} → {@code private_key}).
 *
 * @param name           the wire name
 * @param credentialKeys the keys of {@code credentials}, exactly
 * @param secrets        credential key → the key of its secret name ({@code provider:key})
 * @param digits         keys whose value is a number written as a string of digits (a GitHub App's ids)
 * @param multiline      keys whose value may hold line breaks (a PEM)
 */
record AuthType(String name, List<String> credentialKeys, Map<String, String> secrets, Set<String> digits,
                Set<String> multiline) {

    /** A GitHub App installation: the app's id, the installation's id, the app's private key (PEM). */
    static final AuthType GITHUB_APP = new AuthType("app", List.of("appId", "installationId", "privateKey"),
            Map.of("privateKey", "private_key"), Set.of("appId", "installationId"), Set.of("privateKey"));

    /** A GitLab identity minted by a credential provider: no credentials in the request. */
    static final AuthType GITLAB_AUTOMATED = new AuthType("automated", List.of(), Map.of(), Set.of(), Set.of());

    /**
     * Delegated: calls act as the person who asked, through that person's own OAuth connection; the
     * integration holds no credential ({@code credentials} is an empty object).
     */
    static final AuthType OAUTH = new AuthType("oauth", List.of(), Map.of(), Set.of(), Set.of());

    AuthType {
        credentialKeys = List.copyOf(credentialKeys);
        secrets = Map.copyOf(secrets);
        digits = Set.copyOf(digits);
        multiline = Set.copyOf(multiline);
    }

    /** An auth type whose one or two credential keys are stored as they are named, but {@code metadata}. */
    static AuthType plain(String name, List<String> credentialKeys, List<String> secretKeys) {
        return new AuthType(name, credentialKeys,
                secretKeys.stream().collect(java.util.stream.Collectors.toMap(k -> k, k -> k)), Set.of(), Set.of());
    }

    /** Whether the broker mints or deprovisions something for it (the credentials are not stored as given). */
    boolean minted() {
        return credentialKeys.isEmpty();
    }
}
