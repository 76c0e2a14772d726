package io.carapulse.api.dto;

import java.time.Instant;
import java.util.Map;

/**
 * One channel of an approval request: the Linear issue or PagerDuty incident that mirrors it.
 *
 * @param provider   {@code linear}, {@code pagerduty}
 * @param status     {@code pending} (not in the channel yet), {@code open}, or {@code channel_error} (the
 *                   last call to the channel failed; it is retried at {@code retryAt})
 * @param externalId the channel's id (Linear issue id, PagerDuty dedup key)
 * @param displayId  what people call it ({@code OPS-42}, the incident id)
 * @param url        where to open it
 * @param error      why the last call failed, when {@code status} is {@code channel_error}
 * @param failures   calls failed in a row
 * @param retryAt    when the failed call is made again
 * @param evidence   what the channel recorded: issue id, identifier, URL and label history; dedup key and
 *                   incident id
 */
public record ApprovalChannelView(
        String provider,
        String status,
        String externalId,
        String displayId,
        String url,
        String error,
        int failures,
        Instant retryAt,
        Map<String, Object> evidence) {
}
