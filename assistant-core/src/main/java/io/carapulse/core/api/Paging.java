package io.carapulse.core.api;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import java.util.Arrays;
import java.util.Locale;

/** Checks query parameters: {@code limit} and {@code offset} of lists, and enum options. */
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

    /**
     * Lists page by cursor ({@code before=} the previous page's {@code next}): skipping n rows costs n
     * rows read. {@code offset=0} still means the first page, for clients written before; any other
     * offset is refused, since answering it with the first page would loop a client forever.
     */
    static void offset(Long offset) {
        if (offset != null && offset != 0) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "offset is not supported: to see the next page, pass the previous page's next value as before");
        }
    }
}
