package io.carapulse.core.api;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import java.util.Arrays;
import java.util.Locale;

/** Checks query parameters: {@code limit}/{@code offset} paging and enum options. */
final class Paging {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private Paging() {
    }

    static int limit(Integer limit) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 1 || l > MAX_LIMIT) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT);
        }
        return l;
    }

    /** A query parameter naming one constant of {@code type}, case-insensitively; {@code null} if absent. */
    static <E extends Enum<E>> E option(Class<E> type, String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, name + " must be one of "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    static long offset(Long offset) {
        long o = offset == null ? 0 : offset;
        if (o < 0) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "offset must not be negative");
        }
        return o;
    }
}
