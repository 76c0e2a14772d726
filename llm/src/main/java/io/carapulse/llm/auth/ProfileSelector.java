package io.carapulse.llm.auth;

import io.carapulse.api.llm.LlmException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which profile a provider uses: {@code CARAPULSE_AUTH_PROFILE}, then the provider's default, then
 * the only profile of that provider. Anything else is an error that names the profiles there are
 * and the command that fixes it.
 */
public final class ProfileSelector {

    /** How a profile came to be selected, for {@code status}. */
    public enum Reason {
        ENV("CARAPULSE_AUTH_PROFILE"),
        DEFAULT("the provider's default"),
        ONLY("the only profile of the provider");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The selected profile and why. */
    public record Selection(AuthProfile profile, Reason reason) {
    }

    private final AuthEnv env;

    public ProfileSelector(AuthEnv env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /**
     * @param store the profiles (as just read)
     * @param file  the file they came from, for messages
     * @throws LlmException.NotConfigured when no single profile can be chosen
     */
    public Selection select(AuthProfiles store, String provider, Path file) {
        Optional<String> named = env.get(AuthEnv.AUTH_PROFILE);
        if (named.isPresent()) {
            AuthProfile profile = store.get(named.get()).orElseThrow(() -> notConfigured(
                    AuthEnv.AUTH_PROFILE + " names " + named.get() + ", which is not in " + file
                            + " (profiles: " + store.describeIds() + "). Unset it, or import that profile with "
                            + importHint()));
            if (!profile.provider().equals(provider)) {
                throw notConfigured(AuthEnv.AUTH_PROFILE + " names " + profile.id() + ", a " + profile.provider()
                        + " profile, but the " + provider + " provider needs one of its own (profiles: "
                        + store.describeIds() + ")");
            }
            return new Selection(profile, Reason.ENV);
        }
        Optional<String> preferred = store.defaultFor(provider);
        if (preferred.isPresent()) {
            AuthProfile profile = store.get(preferred.get()).orElseThrow(() -> notConfigured(
                    "the default " + provider + " profile " + preferred.get() + " is not in " + file
                            + " (profiles: " + store.describeIds() + "). Choose one with " + useHint()));
            return new Selection(profile, Reason.DEFAULT);
        }
        List<AuthProfile> candidates = store.forProvider(provider);
        if (candidates.size() == 1) {
            return new Selection(candidates.get(0), Reason.ONLY);
        }
        if (candidates.isEmpty()) {
            throw notConfigured("no " + provider + " auth profile in " + file + " (profiles: " + store.describeIds()
                    + "). Sign in with `assistantctl llm auth login`, or import one with " + importHint());
        }
        throw notConfigured(candidates.size() + " " + provider + " auth profiles and no default: "
                + String.join(", ", candidates.stream().map(AuthProfile::id).toList()) + ". Choose one with "
                + useHint() + " or set " + AuthEnv.AUTH_PROFILE);
    }

    static String useHint() {
        return "`assistantctl llm auth use <profile>`";
    }

    static String importHint() {
        return "`assistantctl llm auth import --codex-auth ~/.codex/auth.json` (or --openclaw-auth <path>)";
    }

    private static LlmException.NotConfigured notConfigured(String message) {
        return new LlmException.NotConfigured(message);
    }
}
