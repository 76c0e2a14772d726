package io.carapulse.core.broker.integration;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The services an integration links to, each with its first auth type, the credential keys that auth type
 * takes (exactly these), the broker secret names they are stored under ({@code provider:key}) and its
 * default URL; and the further auth types it accepts ({@link AuthType}, each with its credential keys).
 */
public enum Provider {
    GITHUB("GitHub", "pat", List.of("token"), "https://api.github.com", AuthType.GITHUB_APP,
            AuthType.OAUTH),
    GITLAB("GitLab", "pat", List.of("token"), "https://gitlab.com", AuthType.GITLAB_AUTOMATED,
            AuthType.OAUTH),
    JIRA("Jira", "basic_auth", List.of("username", "api_token"), null),
    GENERIC("The service", "pat", List.of("token"), null);

    private final String display;
    private final String authType;
    private final List<String> credentialKeys;
    private final String defaultBaseUrl;
    private final List<AuthType> more;

    Provider(String display, String authType, List<String> credentialKeys, String defaultBaseUrl, AuthType... more) {
        this.more = List.of(more);
        this.display = display;
        this.authType = authType;
        this.credentialKeys = credentialKeys;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** How messages name the service: "GitHub refused the token". */
    public String display() {
        return display;
    }

    public String authType() {
        return authType;
    }

    /** The keys of {@code credentials}, exactly. */
    public List<String> credentialKeys() {
        return credentialKeys;
    }

    /** The secret names the credentials are stored under: the key of the secret, e.g. {@code github:token}. */
    public String secretName(String key) {
        return wire() + ":" + key;
    }

    /** The credential key that holds the secret (the others, such as Jira's username, are metadata too). */
    public List<String> secretKeys() {
        return this == JIRA ? List.of("api_token") : List.of("token");
    }

    /** Every auth type it accepts, its first ({@link #authType()}) first. */
    List<AuthType> authTypes() {
        List<AuthType> all = new java.util.ArrayList<>();
        all.add(AuthType.plain(authType, credentialKeys, secretKeys()));
        all.addAll(more);
        return all;
    }

    /** The auth type named {@code name}, if this provider accepts it. */
    Optional<AuthType> auth(String name) {
        return authTypes().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Optional<String> defaultBaseUrl() {
        return Optional.ofNullable(defaultBaseUrl);
    }

    public static Optional<Provider> fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(value)).findFirst();
    }

    /** {@code github pat, github app, gitlab pat, gitlab automated, jira basic_auth, generic pat}. */
    static String supported() {
        return String.join(", ", Arrays.stream(values())
                .flatMap(p -> p.authTypes().stream().map(a -> p.wire() + " " + a.name())).toList());
    }
}
