package io.carapulse.tools.vault.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What a vault action may show of an answer: each method copies named fields only (an allow-list), so a
 * KV value, a token or a secret id in what Vault or the CLI printed can never reach a result, the model,
 * evidence or logs. The shapes are those of Vault 1.15–1.18's HTTP API and {@code -format=json} CLI output.
 */
public final class VaultShapes {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Audit device options that say where and how it logs; no other option is shown. */
    private static final Set<String> AUDIT_OPTIONS = Set.of("file_path", "format", "hmac_accessor", "log_raw",
            "elide_list_responses", "mode", "prefix", "address", "socket_type", "facility", "tag", "fallback");

    private VaultShapes() {
    }

    /** {@code vault status -format=json} or {@code sys/health}. */
    public static ObjectNode status(JsonNode s) {
        ObjectNode d = F.objectNode();
        bool(d, "initialized", s.path("initialized"));
        bool(d, "sealed", s.path("sealed"));
        if (s.has("standby")) {
            bool(d, "standby", s.path("standby"));
        } else {
            // the CLI prints is_self on an HA node: a node that is not the active one is a standby
            d.put("standby", s.path("ha_enabled").asBoolean(false) && s.has("is_self") && !s.path("is_self").asBoolean());
        }
        text(d, "version", s.path("version"));
        text(d, "clusterName", s.path("cluster_name"));
        text(d, "clusterId", s.path("cluster_id"));
        return d;
    }

    /** {@code vault kv list -format=json} (an array of keys) or {@code LIST …/metadata/…} ({@code data.keys}). */
    public static ObjectNode keys(String mount, String path, JsonNode printed) {
        JsonNode keys = printed.isArray() ? printed : printed.path("data").path("keys");
        ObjectNode d = F.objectNode().put("mount", mount).put("path", path);
        ArrayNode out = d.putArray("keys");
        keys.forEach(k -> {
            if (k.isTextual()) {
                out.add(k.asText());
            }
        });
        return d;
    }

    /** {@code vault kv metadata get -format=json} or {@code GET …/metadata/…}: versions and times, no values. */
    public static ObjectNode metadata(String mount, String path, JsonNode printed) {
        JsonNode m = printed.path("data");
        ObjectNode d = F.objectNode().put("mount", mount).put("path", path);
        number(d, "currentVersion", m.path("current_version"));
        number(d, "oldestVersion", m.path("oldest_version"));
        number(d, "maxVersions", m.path("max_versions"));
        text(d, "createdTime", m.path("created_time"));
        text(d, "updatedTime", m.path("updated_time"));
        bool(d, "casRequired", m.path("cas_required"));
        text(d, "deleteVersionAfter", m.path("delete_version_after"));
        ArrayNode versions = d.putArray("versions");
        for (Iterator<Map.Entry<String, JsonNode>> it = m.path("versions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> v = it.next();
            if (!v.getKey().matches("[0-9]{1,10}")) {
                continue;
            }
            ObjectNode item = versions.addObject().put("version", Long.parseLong(v.getKey()));
            text(item, "createdTime", v.getValue().path("created_time"));
            text(item, "deletionTime", v.getValue().path("deletion_time"));
            bool(item, "destroyed", v.getValue().path("destroyed"));
        }
        // custom metadata is free text its writers chose: its keys are shown, never its values
        ArrayNode custom = d.putArray("customMetadataKeys");
        m.path("custom_metadata").fieldNames().forEachRemaining(custom::add);
        return d;
    }

    /** The version a KV write made ({@code data.version}, {@code data.created_time}). */
    public static ObjectNode written(String mount, String path, long rolledBackTo, JsonNode printed) {
        JsonNode m = printed.path("data");
        ObjectNode d = F.objectNode().put("mount", mount).put("path", path).put("rolledBackTo", rolledBackTo);
        number(d, "newVersion", m.path("version"));
        text(d, "createdTime", m.path("created_time"));
        return d;
    }

    /** {@code vault lease lookup -format=json} or {@code sys/leases/lookup}. */
    public static ObjectNode lease(JsonNode printed) {
        JsonNode l = printed.path("data");
        ObjectNode d = F.objectNode();
        text(d, "leaseId", l.path("id"));
        text(d, "issueTime", l.path("issue_time"));
        text(d, "expireTime", l.path("expire_time"));
        text(d, "lastRenewal", l.path("last_renewal"));
        bool(d, "renewable", l.path("renewable"));
        number(d, "ttl", l.path("ttl"));
        return d;
    }

    /** A renewal's answer ({@code lease_id}, {@code lease_duration}, {@code renewable}); its data is dropped. */
    public static ObjectNode renewed(JsonNode printed) {
        ObjectNode d = F.objectNode();
        text(d, "leaseId", printed.path("lease_id"));
        number(d, "leaseDuration", printed.path("lease_duration"));
        bool(d, "renewable", printed.path("renewable"));
        return d;
    }

    /** {@code vault audit list -format=json -detailed} or {@code GET sys/audit}: path, type, where it logs. */
    public static ObjectNode audit(JsonNode printed) {
        JsonNode devices = printed.path("data").isObject() ? printed.path("data") : printed;
        ObjectNode d = F.objectNode();
        ArrayNode out = d.putArray("devices");
        for (Iterator<Map.Entry<String, JsonNode>> it = devices.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode dev = e.getValue();
            if (!dev.isObject() || !dev.has("type")) {
                continue;
            }
            ObjectNode item = out.addObject().put("path", e.getKey());
            text(item, "type", dev.path("type"));
            text(item, "description", dev.path("description"));
            bool(item, "local", dev.path("local"));
            ObjectNode options = item.putObject("options");
            dev.path("options").fields().forEachRemaining(o -> {
                if (AUDIT_OPTIONS.contains(o.getKey()) && o.getValue().isValueNode()) {
                    options.put(o.getKey(), o.getValue().asText());
                }
            });
        }
        return d;
    }

    /** A database static role ({@code GET <mount>/static-roles/<role>}): its rotation times, never a password. */
    public static ObjectNode staticRole(String mount, String role, JsonNode printed) {
        JsonNode r = printed.path("data");
        ObjectNode d = F.objectNode().put("mount", mount).put("role", role);
        text(d, "lastVaultRotation", r.path("last_vault_rotation"));
        number(d, "rotationPeriod", r.path("rotation_period"));
        text(d, "username", r.path("username"));
        text(d, "dbName", r.path("db_name"));
        return d;
    }

    private static void text(ObjectNode d, String name, JsonNode v) {
        if (v.isValueNode() && !v.isNull()) {
            d.put(name, v.asText());
        } else {
            d.putNull(name);
        }
    }

    private static void number(ObjectNode d, String name, JsonNode v) {
        if (v.isNumber()) {
            d.put(name, v.asLong());
        } else {
            d.putNull(name);
        }
    }

    private static void bool(ObjectNode d, String name, JsonNode v) {
        if (v.isBoolean()) {
            d.put(name, v.asBoolean());
        } else {
            d.putNull(name);
        }
    }
}
