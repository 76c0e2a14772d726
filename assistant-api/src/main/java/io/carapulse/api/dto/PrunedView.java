package io.carapulse.api.dto;

import java.time.Instant;

/**
 * Content removed on purpose: what removed it and when. Shown where the content was.
 *
 * @param by what removed it: {@link #RETENTION} (the server's {@code carapulse.retention.*} settings)
 * @param at when
 */
public record PrunedView(String by, Instant at) {

    public static final String RETENTION = "retention";

    public static PrunedView retention(Instant at) {
        return at == null ? null : new PrunedView(RETENTION, at);
    }
}
