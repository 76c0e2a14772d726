package io.carapulse.tools.boundary.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a role's grants let its principals open sessions on a target: some grant allows
 * {@code authorize-session} (or {@code *}) on the target's id (or {@code ids=*} with type {@code target} or
 * {@code *}), and the role's grant scopes reach the target's project ({@code this} for a role in that
 * project, the project's id, {@code children} of its org, {@code descendants} of its org or of global).
 * Grants are read from the role's {@code grants[].canonical}, else {@code grant_strings}
 * ({@code ids=…;type=…;actions=…}, or the JSON form); grant scopes from {@code grant_scope_ids}, else the
 * single {@code grant_scope_id} of controllers before 0.16.
 */
public final class RoleGrants {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SESSION_ACTIONS = Set.of("authorize-session", "*");

    private RoleGrants() {
    }

    /**
     * @param role   the role as Boundary shapes it
     * @param target the target as Boundary shapes it ({@code id}, {@code scope_id},
     *               {@code scope.parent_scope_id})
     */
    public static boolean cover(JsonNode role, JsonNode target) {
        return scopesReach(role, target) && grantsAllow(role, target.path("id").asText());
    }

    private static boolean scopesReach(JsonNode role, JsonNode target) {
        String roleScope = role.path("scope_id").asText();
        String project = target.path("scope_id").asText();
        String org = target.path("scope").path("parent_scope_id").asText("");
        List<String> grantScopes = new ArrayList<>();
        role.path("grant_scope_ids").forEach(s -> grantScopes.add(s.asText()));
        if (grantScopes.isEmpty() && role.hasNonNull("grant_scope_id")) {
            grantScopes.add(role.get("grant_scope_id").asText());
        }
        for (String s : grantScopes) {
            if (s.equals(project) || "this".equals(s) && roleScope.equals(project)
                    || "children".equals(s) && roleScope.equals(org)
                    || "descendants".equals(s) && (roleScope.equals("global") || roleScope.equals(org))) {
                return true;
            }
        }
        return false;
    }

    private static boolean grantsAllow(JsonNode role, String targetId) {
        List<String> grants = new ArrayList<>();
        role.path("grants").forEach(g -> grants.add(g.path("canonical").asText(g.path("raw").asText(""))));
        if (grants.isEmpty()) {
            role.path("grant_strings").forEach(g -> grants.add(g.asText()));
        }
        return grants.stream().anyMatch(g -> allows(g, targetId));
    }

    /** Whether one grant string allows opening a session on {@code targetId}. */
    static boolean allows(String grant, String targetId) {
        List<String> ids = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        String type = "";
        String g = grant.strip();
        if (g.startsWith("{")) {
            try {
                JsonNode json = JSON.readTree(g);
                json.path("ids").forEach(i -> ids.add(i.asText()));
                if (json.hasNonNull("id")) {
                    ids.add(json.get("id").asText());
                }
                json.path("actions").forEach(a -> actions.add(a.asText()));
                type = json.path("type").asText("");
            } catch (IOException e) {
                return false;
            }
        } else {
            for (String part : g.split(";")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = part.substring(0, eq).strip();
                String value = part.substring(eq + 1).strip();
                switch (key) {
                    case "ids", "id" -> ids.addAll(List.of(value.split(",")));
                    case "actions" -> actions.addAll(List.of(value.split(",")));
                    case "type" -> type = value;
                    default -> { }
                }
            }
        }
        boolean action = actions.stream().map(String::strip).anyMatch(SESSION_ACTIONS::contains);
        boolean anyTarget = "target".equals(type) || "*".equals(type);
        boolean id = ids.stream().map(String::strip).anyMatch(i -> i.equals(targetId) || i.equals("*") && anyTarget);
        return action && id;
    }
}
