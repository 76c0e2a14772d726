package io.carapulse.core.broker.integration;

import java.util.Map;

/**
 * An integration's credentials as the request gave them, keyed by the provider's credential keys
 * ({@code token}, {@code username}, {@code api_token}). Held only while linking: checked, stored
 * encrypted, dropped. {@code toString} shows the keys, never a value.
 */
record Credentials(Map<String, String> values) {

    Credentials {
        values = Map.copyOf(values);
    }

    String get(String key) {
        return values.get(key);
    }

    /** {@code text} with every credential value in it replaced, for anything the service echoed back. */
    String scrub(String text) {
        String out = text;
        for (String v : values.values()) {
            if (v.length() >= 4) {
                out = out.replace(v, "[redacted]");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Credentials" + new java.util.TreeSet<>(values.keySet());
    }
}
