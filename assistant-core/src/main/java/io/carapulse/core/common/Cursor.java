package io.carapulse.core.common;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where a newest-first listing left off: the {@code (created_at, id)} of the last item a page showed.
 * Clients see it only as the page's opaque {@code next} and pass it back as {@code before}; it names
 * its listing, so a plan list's cursor given to the execution list is refused, not misread.
 *
 * @param at the last item's creation time, exactly as stored
 * @param id the last item's id, which orders items created at the same instant
 */
public record Cursor(Instant at, String id) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_LENGTH = 200;

    /** The {@code next} value of {@code list}'s page whose last item is ({@code at}, {@code id}). */
    public static String encode(String list, Instant at, String id) {
        String raw = list + "|" + at.getEpochSecond() + "|" + at.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a {@code before} value given to {@code list}; {@code null} when there is none (the first page).
     *
     * @throws ProblemException {@code invalid_cursor} for anything {@link #encode} did not make for {@code list}
     */
    public static Cursor decode(String list, String before) {
        if (before == null) {
            return null;
        }
        try {
            if (before.length() > MAX_LENGTH) {
                throw new IllegalArgumentException();
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(before), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4 || !parts[0].equals(list) || !ID.matcher(parts[3]).matches()) {
                throw new IllegalArgumentException();
            }
            return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), nanos(parts[2])), parts[3]);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw invalid("before must be the next value of a page of this list, passed back unchanged");
        }
    }

    /**
     * Reads a {@code before} value of a listing ordered by a sequence number (the audit log, its
     * checkpoints): the number itself, above 0; {@code null} when there is none.
     *
     * @throws ProblemException {@code invalid_cursor} for anything else
     */
    public static Long sequence(String before) {
        if (before == null) {
            return null;
        }
        try {
            long value = Long.parseLong(before.trim());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid("before must be a sequence number above 0, such as the next value of a page");
        }
    }

    private static int nanos(String value) {
        int nanos = Integer.parseInt(value);
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException();
        }
        return nanos;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemCode.INVALID_CURSOR, detail);
    }
}
