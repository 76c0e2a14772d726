package io.carapulse.api.approval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a channel knows one approval request, and the evidence it gave (design S8 for approvals).
 *
 * @param provider   the provider's name
 * @param externalId the channel's own id (Linear issue id, PagerDuty dedup key)
 * @param displayId  what people call it (Linear {@code ENG-123}, the PagerDuty incident id), if known
 * @param url        where people open it, if known
 * @param evidence   facts worth keeping (label history, incident id); values are strings, numbers,
 *                   booleans, lists and maps of those; never a secret
 */
public record ChannelRecord(String provider, String externalId, String displayId, String url,
                            Map<String, Object> evidence) {

    public ChannelRecord {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(externalId, "externalId");
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    /** This record with {@code key} set to {@code value} in its evidence. */
    public ChannelRecord withEvidence(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(evidence);
        copy.put(key, value);
        return new ChannelRecord(provider, externalId, displayId, url, copy);
    }

    /** This record with another display id. */
    public ChannelRecord withDisplayId(String newDisplayId) {
        return new ChannelRecord(provider, externalId, newDisplayId, url, evidence);
    }
}
