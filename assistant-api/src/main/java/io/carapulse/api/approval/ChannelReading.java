package io.carapulse.api.approval;

import java.util.Map;
import java.util.Optional;

/**
 * What a {@link DecisionSource} shows for one request now.
 *
 * @param decision the decision it shows, if any (none while the request only carries its pending mark)
 * @param evidence facts to keep with the approval (e.g. the label history)
 */
public record ChannelReading(Optional<ChannelDecision> decision, Map<String, Object> evidence) {

    public ChannelReading {
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }
}
