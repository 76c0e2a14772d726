package io.carapulse.core.api;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;

/** Checks {@code limit}/{@code offset} query parameters. */
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

    static long offset(Long offset) {
        long o = offset == null ? 0 : offset;
        if (o < 0) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "offset must not be negative");
        }
        return o;
    }
}
