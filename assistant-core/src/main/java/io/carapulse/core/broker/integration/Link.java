package io.carapulse.core.broker.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.IntegrationCreateRequest;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.tools.github.internal.AppJwt;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A link request that passed validation: a provider and auth type this build supports, exactly its
 * credential keys, one scope (global, or environments that are configured) and URLs that are http(s),
 * https unless on this machine, without credentials in them. {@code toString} shows no credential.
 */
record Link(Provider provider, Credentials credentials, boolean global, List<String> environments, URI baseUrl,
            URI validateUrl, AuthType authType, String credentialProvider, String agent) {

    private static final int MAX_CREDENTIAL = 8192;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    Link {
        environments = List.copyOf(environments);
    }

    /** The scope as the API says it. */
    String scope() {
        return global ? "global" : agent != null ? "agent" : "environments";
    }

    /**
     * Validates {@code request}.
     *
     * @throws Refusal 422 {@code validation_failed} or {@code environment_not_allowed}, naming the field
     */
    static Link of(IntegrationCreateRequest request, EnvironmentCatalog catalog) {
        return of(request, catalog, ref -> {
            throw Refusal.invalid("agent", "Agent '" + ref + "' not found");
        });
    }

    /**
     * Validates {@code request}; {@code agents} turns the request's {@code agent} into the agent's token id
     * (or refuses it: {@link AgentDirectory#require}).
     */
    static Link of(IntegrationCreateRequest request, EnvironmentCatalog catalog,
                   java.util.function.UnaryOperator<String> agents) {
        if (request == null) {
            throw Refusal.invalid("body", "required");
        }
        Provider provider = provider(request.provider());
        AuthType auth = authType(provider, request.authType());
        Credentials credentials = credentials(provider, auth, request.credentials());
        String credentialProvider = credentialProvider(provider, auth, request);
        boolean global = Boolean.TRUE.equals(request.isGlobal());
        List<String> environments = request.environments() == null ? List.of() : request.environments();
        if (auth == AuthType.OAUTH && request.baseUrl() != null) {
            throw Refusal.invalid("baseUrl", provider.wire() + " oauth uses people's connections, made through the"
                    + " platform's OAuth app: its api-url (carapulse.broker.oauth." + provider.wire() + ".api-url) is"
                    + " where they go; leave baseUrl out");
        }
        if (auth == AuthType.OAUTH && request.agent() != null) {
            throw Refusal.invalid("agent", provider.wire() + " oauth acts as the person who asked for the plan; agents "
                    + "are not people and have no connections: link a pat or app for the agent instead");
        }
        if (request.agent() != null && (global || !environments.isEmpty())) {
            throw Refusal.invalid("agent", "Exactly one of isGlobal, environments or agent must be specified");
        }
        if (global && !environments.isEmpty()) {
            throw Refusal.invalid("environments", "give either isGlobal or environments, not both");
        }
        if (!global && environments.isEmpty() && request.agent() == null) {
            throw Refusal.invalid("isGlobal", "Exactly one of isGlobal, environments or agent must be specified");
        }
        TreeSet<String> names = new TreeSet<>();
        for (String name : environments) {
            if (name == null || name.isBlank()) {
                throw Refusal.invalid("environments", "an environment name must not be blank");
            }
            if (catalog.find(name).isEmpty()) {
                throw new Refusal(ProblemCode.ENVIRONMENT_NOT_ALLOWED, "Environment '" + name + "' not found");
            }
            names.add(name);
        }
        URI base = request.baseUrl() == null
                ? URI.create(provider.defaultBaseUrl().orElseThrow(() -> Refusal.invalid("baseUrl",
                        "required for " + provider.wire() + " (" + (provider == Provider.JIRA
                                ? "the Jira site, e.g. https://acme.atlassian.net" : "the service's URL") + ")")))
                : url("baseUrl", request.baseUrl());
        URI validate = null;
        if (request.validateUrl() != null) {
            if (provider != Provider.GENERIC) {
                throw Refusal.invalid("validateUrl", "only the generic provider takes one; "
                        + provider.display() + " is checked at its own API");
            }
            validate = url("validateUrl", request.validateUrl());
        }
        String agent = request.agent() == null ? null : agents.apply(request.agent());
        return new Link(provider, credentials, global, List.copyOf(names), base, validate, auth, credentialProvider,
                agent);
    }

    private static Provider provider(String value) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid("provider", "required: one of github, gitlab, jira, generic");
        }
        return Provider.fromWire(value).orElseThrow(() -> Refusal.invalid("provider",
                "'" + value + "' is not supported; supported: " + Provider.supported()));
    }

    private static AuthType authType(Provider provider, String value) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid("authType", "required: " + provider.wire() + " takes " + provider.authType());
        }
        return provider.auth(value).orElseThrow(() -> Refusal.invalid("authType", provider.wire()
                + " does not take '" + value + "'; supported: " + Provider.supported()));
    }

    /** {@code credentialProvider}: required for an automated link (the provider that mints), refused otherwise. */
    private static String credentialProvider(Provider provider, AuthType auth, IntegrationCreateRequest request) {
        String id = request.credentialProvider();
        if (auth != AuthType.GITLAB_AUTOMATED) {
            if (id != null) {
                throw Refusal.invalid("credentialProvider", "only gitlab automated takes one");
            }
            return null;
        }
        if (id == null || id.isBlank()) {
            throw Refusal.invalid("credentialProvider", "required for gitlab automated: the id of a credential provider"
                    + " (GET /v1/integrations/providers)");
        }
        if (request.baseUrl() != null) {
            throw Refusal.invalid("baseUrl", "gitlab automated uses its credential provider's baseUrl; leave it out");
        }
        return id;
    }

    private static Credentials credentials(Provider provider, AuthType auth, JsonNode node) {
        String takes = provider.wire() + " " + auth.name() + " takes " + auth.credentialKeys();
        if (auth == AuthType.OAUTH) {
            return Delegated.credentials(provider, node);
        }
        if (auth.minted()) {
            if (node != null && !node.isNull()) {
                throw Refusal.invalid("credentials", provider.wire() + " " + auth.name()
                        + " takes none: its credential provider mints them");
            }
            return new Credentials(Map.of());
        }
        if (node == null || node.isNull()) {
            throw Refusal.invalid("credentials", "required: " + takes);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!auth.credentialKeys().contains(key)) {
                throw Refusal.invalid("credentials." + key, "not a key of these credentials; " + takes);
            }
        }
        for (String key : auth.credentialKeys()) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw Refusal.invalid("credentials." + key, "required; " + takes);
            }
            if (!v.isTextual()) {
                throw Refusal.invalid("credentials." + key, "must be a string");
            }
            String text = v.asText();
            boolean lines = auth.multiline().contains(key);
            // a PEM ends with a line break, as the file it was read from
            if (text.isBlank() || !(lines ? text.stripLeading() : text.strip()).equals(text)) {
                throw Refusal.invalid("credentials." + key, "must not be blank or start or end with spaces");
            }
            if (text.length() > MAX_CREDENTIAL) {
                throw Refusal.invalid("credentials." + key, "at most " + MAX_CREDENTIAL + " characters");
            }
            if (text.chars().anyMatch(c -> Character.isISOControl(c) && !(lines && (c == '\n' || c == '\r')))) {
                throw Refusal.invalid("credentials." + key, "must not hold control characters");
            }
            if (auth.digits().contains(key) && !text.matches("[1-9][0-9]{0,17}")) {
                throw Refusal.invalid("credentials." + key, "must be GitHub's numeric id written as a string of"
                        + " digits, e.g. \"123456\"");
            }
            values.put(key, text);
        }
        if (auth == AuthType.GITHUB_APP) {
            try {
                AppJwt.privateKey(values.get("privateKey"));
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("credentials.privateKey", "cannot be used: " + e.getMessage());
            }
        }
        return new Credentials(values);
    }

    /** An http(s) URL, https unless the host is this machine, without user info, query or fragment. */
    static URI url(String field, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw Refusal.invalid(field, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw Refusal.invalid(field, "must be an http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw Refusal.invalid(field, "must not hold credentials: they go in credentials");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw Refusal.invalid(field, "must not have a query or a fragment");
        }
        if (scheme.equals("http") && !LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw Refusal.invalid(field, "must be https (http only for a service on this machine)");
        }
        return uri;
    }

    @Override
    public String toString() {
        return "Link[" + provider.wire() + " " + authType.name() + ", " + credentials + ", " + scope() + " "
                + environments + (agent == null ? "" : " " + agent) + ", " + baseUrl + "]";
    }

}
