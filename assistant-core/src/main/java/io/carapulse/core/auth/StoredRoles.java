package io.carapulse.core.auth;

import io.carapulse.api.auth.Role;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Roles as a row keeps them: comma-separated wire names ({@code operator,viewer}). */
public final class StoredRoles {

    private StoredRoles() {
    }

    /** The roles of a stored column; names no longer known are dropped. */
    public static Set<Role> parse(String stored) {
        Set<Role> out = EnumSet.noneOf(Role.class);
        Arrays.stream(stored.split(",")).map(Role::fromWire).flatMap(Optional::stream).forEach(out::add);
        return out;
    }

    /** The column value for {@code roles}. */
    public static String format(Set<Role> roles) {
        return roles.stream().map(Role::wire).collect(Collectors.joining(","));
    }
}
