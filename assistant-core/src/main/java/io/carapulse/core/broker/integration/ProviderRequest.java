package io.carapulse.core.broker.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.CredentialProviderCreateRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A credential provider registration that passed validation: gitlab, a mode with its target (a group for
 * service accounts, a project for project access tokens; a numeric id or a full path), a URL as
 * {@link Link#url} takes them, exactly {@code {"token"}}, GitLab token scopes, a role and a lifetime.
 * {@code toString} shows no token.
 */
record ProviderRequest(String mode, URI baseUrl, String target, String token, List<String> scopes, int accessLevel,
                       int expiresInDays) {

    /** The scopes GitLab's personal, project and group access tokens take. */
    static final Set<String> SCOPES = Set.of("api", "read_api", "read_user", "read_repository", "write_repository",
            "read_registry", "write_registry", "create_runner", "manage_runner", "k8s_proxy", "ai_features",
            "self_rotate", "read_virtual_registry", "write_virtual_registry");
    static final Set<Integer> ACCESS_LEVELS = Set.of(10, 20, 30, 40, 50);
    static final int DEFAULT_ACCESS_LEVEL = 30;
    static final int DEFAULT_EXPIRES_IN_DAYS = 30;
    private static final int MAX_TOKEN = 8192;

    /**
     * Validates {@code request}.
     *
     * @throws Refusal 422 {@code validation_failed} naming the field
     */
    static ProviderRequest of(CredentialProviderCreateRequest request) {
        if (request == null) {
            throw Refusal.invalid("body", "required");
        }
        if (request.provider() == null || request.provider().isBlank()) {
            throw Refusal.invalid("provider", "required: gitlab");
        }
        if (!request.provider().equals(Provider.GITLAB.wire())) {
            throw Refusal.invalid("provider", "'" + request.provider() + "' has no credential providers; only gitlab");
        }
        String mode = request.mode();
        if (!CredentialProvider.SERVICE_ACCOUNT.equals(mode) && !CredentialProvider.PROJECT_ACCESS_TOKEN.equals(mode)) {
            throw Refusal.invalid("mode", mode == null ? "required: service_account or project_access_token"
                    : "'" + mode + "' is not a mode; service_account or project_access_token");
        }
        boolean group = CredentialProvider.SERVICE_ACCOUNT.equals(mode);
        String target = group ? request.groupId() : request.projectId();
        String field = group ? "groupId" : "projectId";
        String other = group ? request.projectId() : request.groupId();
        if (other != null) {
            throw Refusal.invalid(group ? "projectId" : "groupId", mode + " takes " + field + " only");
        }
        if (target == null || target.isBlank()) {
            throw Refusal.invalid(field, "required for " + mode + ": the " + (group ? "top-level group" : "project")
                    + "'s numeric id or full path");
        }
        if (!target.matches("[1-9][0-9]{0,18}|[A-Za-z0-9_.][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_.][A-Za-z0-9_.\\-]*)*")
                || target.length() > 255) {
            throw Refusal.invalid(field, "must be a numeric id or a full path such as acme/platform");
        }
        URI base = request.baseUrl() == null ? URI.create(Provider.GITLAB.defaultBaseUrl().orElseThrow())
                : Link.url("baseUrl", request.baseUrl());
        String token = token(request.credentials());
        List<String> scopes = scopes(request.scopes());
        int level = request.accessLevel() == null ? DEFAULT_ACCESS_LEVEL : request.accessLevel();
        if (!ACCESS_LEVELS.contains(level)) {
            throw Refusal.invalid("accessLevel", "one of 10 (guest), 20 (reporter), 30 (developer), 40 (maintainer),"
                    + " 50 (owner)");
        }
        int days = request.expiresInDays() == null ? DEFAULT_EXPIRES_IN_DAYS : request.expiresInDays();
        if (days < 1 || days > 365) {
            throw Refusal.invalid("expiresInDays", "from 1 to 365");
        }
        return new ProviderRequest(mode, base, target, token, scopes, level, days);
    }

    private static String token(JsonNode node) {
        if (node == null || node.isNull()) {
            throw Refusal.invalid("credentials", "required: {\"token\"}, a GitLab token with the api scope");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("token")) {
                throw Refusal.invalid("credentials." + key, "not a key of these credentials; they take [token]");
            }
        }
        JsonNode v = node.get("token");
        if (v == null || v.isNull()) {
            throw Refusal.invalid("credentials.token", "required");
        }
        if (!v.isTextual()) {
            throw Refusal.invalid("credentials.token", "must be a string");
        }
        String text = v.asText();
        if (text.isBlank() || !text.strip().equals(text) || text.length() > MAX_TOKEN
                || text.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid("credentials.token", "must be one line, not blank, without spaces around it");
        }
        return text;
    }

    private static List<String> scopes(List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw Refusal.invalid("scopes", "required: the scopes of the tokens it mints, e.g. [\"read_repository\"]");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : scopes) {
            if (s == null || !SCOPES.contains(s)) {
                throw Refusal.invalid("scopes", "'" + s + "' is not a GitLab token scope; one of " + new java.util.TreeSet<>(SCOPES));
            }
            out.add(s);
        }
        return new ArrayList<>(out);
    }

    @Override
    public String toString() {
        return "ProviderRequest[" + mode + ", " + baseUrl + ", " + target + ", token=****, " + scopes + "]";
    }
}
