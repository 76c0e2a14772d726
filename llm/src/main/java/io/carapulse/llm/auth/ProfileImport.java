package io.carapulse.llm.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes imported profiles into the token sink, under its lock, the same way for every importer:
 * a profile whose copy here is newer than the import is kept (importing an old file after Carapulse
 * refreshed would bring back a refresh token that is already spent); a provider without a usable
 * default gets one (the source's preference first); and whoever held the refresh token before is told
 * that it is Carapulse's now.
 */
final class ProfileImport {

    /**
     * Who held the tokens before, for the ownership warning.
     *
     * @param program what to call it: {@code Codex CLI}, {@code OpenClaw}
     * @param signIn  how that program gets a session of its own again
     */
    record PreviousOwner(String program, String signIn) {
    }

    private ProfileImport() {
    }

    /**
     * @param preferred Carapulse ids in the source's order of preference (OpenClaw's {@code order}), may be empty
     * @param skipped   entries already skipped while reading the source; more may be added
     */
    static ImportResult save(ProfileStore store, String source, PreviousOwner owner, List<AuthProfile> candidates,
                             List<String> preferred, List<String> skipped, List<String> warnings) {
        return store.update(onDisk -> {
            List<String> skips = new ArrayList<>(skipped);
            List<String> notes = new ArrayList<>(warnings);
            AuthProfiles next = onDisk;
            Map<String, Boolean> written = new LinkedHashMap<>();
            for (AuthProfile candidate : candidates) {
                Optional<AuthProfile> existing = onDisk.get(candidate.id());
                if (existing.isPresent() && newer(existing.get(), candidate)) {
                    skips.add(candidate.id() + ": the copy in the token sink is newer (last refreshed "
                            + existing.get().lastRefresh() + ") than the one in " + source
                            + "; to import anyway, first run `assistantctl llm auth remove " + candidate.id() + "`");
                    continue;
                }
                next = next.with(candidate);
                written.put(candidate.id(), existing.isPresent());
            }
            next = chooseDefaults(next, written.keySet(), preferred, notes);
            List<ImportedProfile> imported = new ArrayList<>();
            for (Map.Entry<String, Boolean> entry : written.entrySet()) {
                AuthProfile profile = next.get(entry.getKey()).orElseThrow();
                imported.add(ImportedProfile.of(profile, entry.getValue(), next.isDefault(profile)));
            }
            List<String> owned = imported.stream().filter(p -> p.type() == ProfileType.OAUTH).map(ImportedProfile::id).toList();
            if (!owned.isEmpty()) {
                notes.add(0, "the refresh token of " + String.join(", ", owned) + " now belongs to Carapulse. "
                        + "Refresh tokens are single-use: if " + owner.program() + " keeps using it too, one of the two"
                        + " is signed out (refresh_token_reused). If you still use " + owner.program() + ", sign it in"
                        + " again (" + owner.signIn() + ") so it gets a session of its own.");
            }
            return new ProfileStore.Change<>(next, new ImportResult(source, store.path(), imported, skips, notes));
        });
    }

    private static AuthProfiles chooseDefaults(AuthProfiles next, Set<String> written, List<String> preferred,
                                               List<String> notes) {
        Set<String> providers = new LinkedHashSet<>();
        written.forEach(id -> providers.add(next.get(id).orElseThrow().provider()));
        AuthProfiles result = next;
        for (String provider : providers) {
            Optional<String> current = next.defaultFor(provider).filter(id -> next.get(id).isPresent());
            List<String> ranked = new ArrayList<>(preferred.stream().filter(written::contains).toList());
            written.stream().filter(id -> !ranked.contains(id)).forEach(ranked::add);
            ranked.removeIf(id -> !next.get(id).orElseThrow().provider().equals(provider));
            if (current.isEmpty()) {
                result = result.withDefault(next.get(ranked.get(0)).orElseThrow());
            } else if (!ranked.contains(current.get())) {
                notes.add("the default " + provider + " profile stays " + current.get() + "; switch with "
                        + "`assistantctl llm auth use " + ranked.get(0) + "`");
            }
        }
        return result;
    }

    /** Whether the profile already here holds later tokens than the one being imported. */
    static boolean newer(AuthProfile here, AuthProfile incoming) {
        if (here.refreshToken() != null && here.refreshToken().equals(incoming.refreshToken())) {
            return false;
        }
        if (here.lastRefresh() != null && incoming.lastRefresh() != null) {
            return here.lastRefresh().isAfter(incoming.lastRefresh());
        }
        return here.expiresAt() != null && incoming.expiresAt() != null && here.expiresAt().isAfter(incoming.expiresAt());
    }
}
