package io.carapulse.llm.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code openai-codex} profiles of an OpenClaw {@code auth-profiles.json}, as Carapulse profiles.
 *
 * @param profiles  one per ChatGPT account (when OpenClaw holds two for one account, the later-expiring one)
 * @param preferred Carapulse ids in the order OpenClaw's {@code order.openai-codex} lists them
 * @param skipped   the entries left out, each with the reason
 */
record OpenClawProfiles(List<AuthProfile> profiles, List<String> preferred, List<String> skipped) {

    static OpenClawProfiles parse(Path file, JsonNode profiles, JsonNode order, Instant now) {
        Map<String, AuthProfile> byId = new LinkedHashMap<>();
        Map<String, String> idByOpenClawId = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = profiles.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            try {
                AuthProfile profile = profile(file, name, entry.getValue(), now);
                AuthProfile other = byId.get(profile.id());
                if (other != null && !ProfileImport.newer(profile, other)) {
                    skipped.add(name + ": the same account as another profile in the file, which is newer");
                    continue;
                }
                byId.put(profile.id(), profile);
                idByOpenClawId.put(name, profile.id());
            } catch (Skip e) {
                skipped.add(name + ": " + e.getMessage());
            }
        }
        List<String> preferred = new ArrayList<>();
        JsonNode codexOrder = order == null ? null : order.get(AuthProfile.CODEX_PROVIDER);
        if (codexOrder != null && codexOrder.isArray()) {
            codexOrder.forEach(n -> {
                String id = idByOpenClawId.get(n.asText());
                if (id != null && !preferred.contains(id)) {
                    preferred.add(id);
                }
            });
        }
        return new OpenClawProfiles(List.copyOf(byId.values()), preferred, skipped);
    }

    /** An entry that is left out, with the reason; never carries a value. */
    private static final class Skip extends Exception {
        Skip(String reason) {
            super(reason, null, false, false);
        }
    }

    private static AuthProfile profile(Path file, String name, JsonNode node, Instant now) throws Skip {
        if (!node.isObject()) {
            throw new Skip("not an object");
        }
        String provider = SourceJson.text(node, "provider");
        String type = SourceJson.text(node, "type");
        if ("api_key".equals(type) && provider != null && provider.startsWith("openai")) {
            throw new Skip("an API key; Carapulse does not copy API keys into its token sink (give it to the "
                    + "openai provider as OPENAI_API_KEY or llm.api-key)");
        }
        if (!AuthProfile.CODEX_PROVIDER.equals(provider)) {
            throw new Skip("provider " + provider + " is not one Carapulse signs in to (only openai-codex)");
        }
        String access;
        String refresh = null;
        if ("oauth".equals(type)) {
            access = SourceJson.text(node, "access");
            refresh = SourceJson.text(node, "refresh");
        } else if ("token".equals(type)) {
            access = SourceJson.text(node, "token");
            if (access == null && node.has("tokenRef")) {
                throw new Skip("its token is a secret reference (tokenRef) that only OpenClaw can resolve");
            }
        } else {
            throw new Skip("credential type " + type + " is not oauth, token or api_key");
        }
        if (access == null) {
            throw new Skip("no access token");
        }
        JwtClaims claims;
        try {
            claims = JwtClaims.parse(access, "its access token");
        } catch (IllegalArgumentException e) {
            throw new Skip(e.getMessage());
        }
        String account = SourceJson.text(node, "accountId");
        if (account == null) {
            account = claims.accountId();
        }
        if (account == null) {
            throw new Skip("no accountId and no " + JwtClaims.ACCOUNT_ID + " claim in its access token");
        }
        Instant expiresAt = claims.expiresAt() != null ? claims.expiresAt() : expiresMillis(node);
        return new AuthProfile(AuthProfile.codexId(account), AuthProfile.CODEX_PROVIDER,
                refresh == null ? ProfileType.TOKEN : ProfileType.OAUTH, account, access, refresh, null,
                expiresAt, "openclaw:" + file, null, now);
    }

    /** OpenClaw's {@code expires}: epoch MILLISECONDS (not seconds); absent or invalid is unknown. */
    private static Instant expiresMillis(JsonNode node) throws Skip {
        JsonNode expires = node.get("expires");
        if (expires == null || expires.isNull()) {
            return null;
        }
        if (!expires.isNumber() || expires.asLong() <= 0) {
            throw new Skip("its \"expires\" is not a positive number of epoch milliseconds");
        }
        return Instant.ofEpochMilli(expires.asLong());
    }
}
