package io.carapulse.llm.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token sink's file format, version 1 (documented in docs/llm.md, "Auth profiles"). Error messages
 * name the field and the line, never a value: the file is full of secrets.
 */
final class ProfileJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProfileJson() {
    }

    /** Thrown for a file that is not a valid profile file; the message is safe to show. */
    static final class InvalidFormat extends Exception {
        InvalidFormat(String message) {
            super(message, null, false, false);
        }
    }

    static byte[] write(AuthProfiles store) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", AuthProfiles.VERSION);
        ObjectNode profiles = root.putObject("profiles");
        store.profiles().forEach((id, p) -> {
            ObjectNode node = profiles.putObject(id);
            node.put("provider", p.provider());
            node.put("type", p.type().json());
            putIfPresent(node, "accountId", p.accountId());
            node.put("accessToken", p.accessToken());
            putIfPresent(node, "refreshToken", p.refreshToken());
            putIfPresent(node, "idToken", p.idToken());
            putIfPresent(node, "expiresAt", p.expiresAt());
            node.put("source", p.source());
            putIfPresent(node, "lastRefresh", p.lastRefresh());
            node.put("importedAt", p.importedAt().toString());
        });
        ObjectNode defaults = root.putObject("defaults");
        store.defaults().forEach(defaults::put);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise the auth profiles", e);
        }
    }

    static AuthProfiles read(byte[] bytes) throws InvalidFormat {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the offending text, which can be a token: only the place.
            JsonLocation at = e.getLocation();
            throw new InvalidFormat("it is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (java.io.IOException e) {
            throw new InvalidFormat("it could not be parsed");
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidFormat("it is empty");
        }
        if (!root.isObject()) {
            throw new InvalidFormat("it is not a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt()) {
            throw new InvalidFormat("it has no integer \"version\"");
        }
        if (version.asInt() != AuthProfiles.VERSION) {
            throw new InvalidFormat("it has format version " + version.asInt() + ", this Carapulse reads version "
                    + AuthProfiles.VERSION + (version.asInt() > AuthProfiles.VERSION ? " (written by a newer release?)" : ""));
        }
        Map<String, AuthProfile> profiles = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(root, "profiles").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            profiles.put(entry.getKey(), profile(entry.getKey(), entry.getValue()));
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(root, "defaults").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new InvalidFormat("defaults." + entry.getKey() + " is not a string");
            }
            defaults.put(entry.getKey(), entry.getValue().asText());
        }
        return new AuthProfiles(profiles, defaults);
    }

    private static JsonNode object(JsonNode root, String field) throws InvalidFormat {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return JSON.createObjectNode();
        }
        if (!node.isObject()) {
            throw new InvalidFormat("\"" + field + "\" is not an object");
        }
        return node;
    }

    private static AuthProfile profile(String id, JsonNode node) throws InvalidFormat {
        if (!node.isObject()) {
            throw new InvalidFormat("profile " + id + " is not an object");
        }
        String typeName = required(id, node, "type");
        ProfileType type = ProfileType.fromJson(typeName)
                .orElseThrow(() -> new InvalidFormat("profile " + id + " has unknown type \"" + typeName
                        + "\" (known: oauth, token)"));
        try {
            return new AuthProfile(id, required(id, node, "provider"), type, optional(node, "accountId"),
                    required(id, node, "accessToken"), optional(node, "refreshToken"), optional(node, "idToken"),
                    instant(id, node, "expiresAt"), required(id, node, "source"), instant(id, node, "lastRefresh"),
                    requiredInstant(id, node, "importedAt"));
        } catch (IllegalArgumentException e) {
            throw new InvalidFormat(e.getMessage());
        }
    }

    private static String required(String id, JsonNode node, String field) throws InvalidFormat {
        String value = optional(node, field);
        if (value == null) {
            throw new InvalidFormat("profile " + id + " has no \"" + field + "\"");
        }
        return value;
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static Instant requiredInstant(String id, JsonNode node, String field) throws InvalidFormat {
        Instant value = instant(id, node, field);
        if (value == null) {
            throw new InvalidFormat("profile " + id + " has no \"" + field + "\"");
        }
        return value;
    }

    private static Instant instant(String id, JsonNode node, String field) throws InvalidFormat {
        String value = optional(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFormat("profile " + id + " has a \"" + field + "\" that is not an ISO-8601 instant");
        }
    }

    private static void putIfPresent(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }
}
