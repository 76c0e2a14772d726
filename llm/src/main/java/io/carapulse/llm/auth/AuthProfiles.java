package io.carapulse.llm.auth;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The contents of the token sink: profiles by id and the default profile per provider. Immutable;
 * every change returns a new value that {@link ProfileStore#update} writes back.
 */
public record AuthProfiles(Map<String, AuthProfile> profiles, Map<String, String> defaults) {

    /** The file format this code reads and writes. */
    public static final int VERSION = 1;

    public static final AuthProfiles EMPTY = new AuthProfiles(Map.of(), Map.of());

    public AuthProfiles {
        profiles = Collections.unmodifiableMap(new TreeMap<>(profiles));
        defaults = Collections.unmodifiableMap(new TreeMap<>(defaults));
    }

    public Optional<AuthProfile> get(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    /** The provider's profiles, sorted by id. */
    public List<AuthProfile> forProvider(String provider) {
        return profiles.values().stream().filter(p -> p.provider().equals(provider)).toList();
    }

    public Optional<String> defaultFor(String provider) {
        return Optional.ofNullable(defaults.get(provider));
    }

    public boolean isDefault(AuthProfile profile) {
        return profile.id().equals(defaults.get(profile.provider()));
    }

    /** Adds or replaces a profile (by id). */
    public AuthProfiles with(AuthProfile profile) {
        Map<String, AuthProfile> next = new TreeMap<>(profiles);
        next.put(profile.id(), profile);
        return new AuthProfiles(next, defaults);
    }

    /** Makes an existing profile its provider's default. */
    public AuthProfiles withDefault(AuthProfile profile) {
        Map<String, String> next = new TreeMap<>(defaults);
        next.put(profile.provider(), profile.id());
        return new AuthProfiles(profiles, next);
    }

    /** Removes a profile, and its provider's default when it was that default. */
    public AuthProfiles without(String id) {
        Map<String, AuthProfile> next = new TreeMap<>(profiles);
        next.remove(id);
        Map<String, String> nextDefaults = new TreeMap<>(defaults);
        nextDefaults.values().removeIf(id::equals);
        return new AuthProfiles(next, nextDefaults);
    }

    /** The ids, for error messages: {@code "a, b"} or {@code "none"}. */
    public String describeIds() {
        return profiles.isEmpty() ? "none" : String.join(", ", profiles.keySet());
    }
}
