package io.carapulse.llm.auth;

import java.util.Arrays;
import java.util.Optional;

/** What kind of credential a profile holds; the JSON name is what the profile file stores. */
public enum ProfileType {

    /** An access token with a refresh token: Carapulse refreshes it (the token sink). */
    OAUTH("oauth"),
    /** An access token alone: used until it expires, then the user logs in again. */
    TOKEN("token");

    private final String json;

    ProfileType(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<ProfileType> fromJson(String name) {
        return Arrays.stream(values()).filter(t -> t.json.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return json;
    }
}
