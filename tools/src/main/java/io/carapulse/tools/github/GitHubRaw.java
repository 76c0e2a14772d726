package io.carapulse.tools.github;

import io.carapulse.api.redact.Redactor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One map of the {@code github} section as configuration gives it (YAML keys in kebab-case), read key by
 * key: a key outside the known ones, a list where one value belongs or a map where a list belongs is a
 * problem naming the exact key. Values are quoted in problems only when they cannot be a pasted secret.
 */
final class GitHubRaw {

    /** Keys that would hold a secret itself; the inventory holds only references. */
    private static final Pattern CREDENTIAL_KEY = Pattern.compile("(?i).*(secret|password|pem|credential).*");
    /** A long run of token-like characters: the shape of a pasted token. */
    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_/+=-]{20,}");

    private final String key;
    private final Map<String, Object> values;
    private final List<String> problems;

    private GitHubRaw(String key, Map<String, Object> values, List<String> problems) {
        this.key = key;
        this.values = values;
        this.problems = problems;
    }

    /** Reads {@code raw} at {@code key}; unknown keys are reported and left out. */
    static GitHubRaw of(String key, Object raw, Set<String> known, List<String> problems) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (raw != null && !(raw instanceof Map<?, ?>)) {
            problems.add(key + ": must be a map of " + known.stream().sorted().toList());
            return new GitHubRaw(key, values, problems);
        }
        Map<?, ?> map = raw == null ? Map.of() : (Map<?, ?>) raw;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (known.contains(name)) {
                values.put(name, e.getValue());
            } else if (CREDENTIAL_KEY.matcher(name).matches()) {
                problems.add(key + "." + name + ": unknown key; the inventory holds only references to secrets "
                        + "(token: env:NAME or file:/path; app.private-key: file:/path) (known: "
                        + known.stream().sorted().toList() + ")");
            } else {
                problems.add(key + "." + name + ": unknown key (known: " + known.stream().sorted().toList() + ")");
            }
        }
        return new GitHubRaw(key, values, problems);
    }

    String key(String name) {
        return key + "." + name;
    }

    /** Whether {@code name} has a value (a map the binding gives for an absent block is empty). */
    boolean has(String name) {
        Object value = values.get(name);
        return value != null && !(value instanceof Map<?, ?> m && m.isEmpty()) && !value.toString().isBlank();
    }

    /** The raw value at {@code name}, for entries that are maps themselves. */
    Object raw(String name) {
        return values.get(name);
    }

    /** The single value at {@code name}; absent when missing or blank, or (a problem) when not a scalar. */
    Optional<String> string(String name) {
        Object value = values.get(name);
        if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
            problems.add(key(name) + ": must be a single value");
            return Optional.empty();
        }
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().strip());
    }

    /** The list at {@code name} (a YAML list, or one comma-separated value), empty when missing; a map is a problem. */
    List<Object> list(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Map<?, ?>) {
            problems.add(key(name) + ": must be a list");
            return List.of();
        }
        if (value instanceof Iterable<?> items) {
            List<Object> list = new ArrayList<>();
            items.forEach(list::add);
            return list;
        }
        return new ArrayList<>(Arrays.stream(value.toString().split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList());
    }

    /** The list at {@code name} as strings; an element that is not a single value, or blank, is a problem. */
    List<String> strings(String name) {
        List<Object> items = list(name);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof Map<?, ?> || item instanceof Iterable<?>) {
                problems.add(key(name) + "[" + i + "]: must be a single value");
            } else if (item == null || item.toString().isBlank()) {
                problems.add(key(name) + "[" + i + "]: is empty");
            } else {
                strings.add(item.toString().strip());
            }
        }
        return strings;
    }

    /** {@code value} quoted for a problem, or its length alone when it may be a pasted secret. */
    static String shown(String value) {
        if (Redactor.patterns().containsSecret(value) || opaque(value)) {
            return "the value (" + value.length() + " characters, not shown)";
        }
        return "'" + value + "'";
    }

    private static boolean opaque(String value) {
        var m = OPAQUE.matcher(value);
        while (m.find()) {
            String run = m.group();
            if (run.chars().anyMatch(Character::isUpperCase) && run.chars().anyMatch(Character::isLowerCase)
                    && run.chars().anyMatch(Character::isDigit)) {
                return true;
            }
        }
        return false;
    }
}
