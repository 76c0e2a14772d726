package io.carapulse.api.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * Completes a step's evidence after the step ended: asked by the runtime, on whichever replica claims
 * the follow-up, for each stored {@link FollowUpRequest} of its {@link #kind()}, again with backoff
 * (30 s, 1 min, 2 min … capped) until it answers {@link Attempt.Found} or {@link Attempt.Failed}, or the
 * request's {@code giveUpAfter} has passed. Each answer is stored as an addendum to the step's evidence,
 * the final one with an {@code evidence.addendum} audit record. A family offers one as a
 * {@code @Singleton} bean; one bean per kind.
 */
public interface EvidenceFollowUp {

    /** The {@link FollowUpRequest#kind()} this bean answers, e.g. {@code aws.cloudtrail}; constant. */
    String kind();

    /**
     * Looks once for what the request asks. Runs on a scheduler thread, never inside a transaction, and
     * must return within seconds: use the client's own timeouts. Reads only: it must not change anything.
     * A {@link io.carapulse.api.error.RetriableException} counts as {@link Attempt.NotYet}, a
     * {@link io.carapulse.api.error.PermanentException} as {@link Attempt.Failed}; any other exception is
     * logged and counts as {@link Attempt.NotYet}. Everything returned is redacted before it is stored.
     *
     * @param params      the request's parameters as stored (redacted)
     * @param environment the environment of the plan whose step asked, to find its targets and credentials
     */
    Attempt attempt(ObjectNode params, String environment);

    /** What one attempt came to. */
    sealed interface Attempt permits Attempt.Found, Attempt.NotYet, Attempt.Failed {

        /**
         * Found: the provider's ids of what happened (e.g. {@code cloudTrailEventId}) and a one-line summary
         * people read; the follow-up ends.
         */
        record Found(Map<String, String> externalIds, String summary) implements Attempt {
            public Found {
                externalIds = Map.copyOf(Objects.requireNonNull(externalIds, "externalIds"));
                summary = summary == null ? "" : summary;
            }
        }

        /** Not there yet; the runtime asks again after the next backoff, until the request gives up. */
        record NotYet(String why) implements Attempt {
            public NotYet {
                why = why == null ? "" : why;
            }
        }

        /** Cannot be found, ever (the request is malformed, the provider refuses it); the follow-up ends. */
        record Failed(String why) implements Attempt {
            public Failed {
                why = why == null ? "" : why;
            }
        }

        static Attempt found(Map<String, String> externalIds, String summary) {
            return new Found(externalIds, summary);
        }

        static Attempt notYet(String why) {
            return new NotYet(why);
        }

        static Attempt failed(String why) {
            return new Failed(why);
        }
    }
}
