package io.carapulse.core.http;

import io.carapulse.api.error.RetriableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * Why a request could not be served right now (S9, fail closed): the causes of a {@code 503 unavailable},
 * told apart so the log names the one that happened and the operator knows which setting to look at.
 */
enum Unavailable {

    /** A row lock (the audit chain head, an execution) was not granted within the lock timeout. */
    LOCK_TIMEOUT("a database lock was not granted in time (CARAPULSE_DB_LOCK_TIMEOUT_MS)",
            "the database is busy: a lock was not granted in time; nothing was changed, try again"),
    /** Every pooled connection stayed in use for the pool's whole wait. */
    POOL_EXHAUSTED("no database connection was free in time (CARAPULSE_DB_POOL_SIZE, datasources.default.connection-timeout)",
            "the server has no free database connection right now; nothing was changed, try again"),
    /** The database cannot be reached at all. */
    DATABASE_UNREACHABLE("the database cannot be reached",
            "the database cannot be reached; nothing was changed"),
    /** Another transient database failure (a statement timeout …). */
    DATABASE_BUSY("the database did not answer in time",
            "the database did not answer in time; nothing was changed, try again"),
    /** A dependency other than the database (an approval channel, the on-call directory) cannot answer. */
    DEPENDENCY("a dependency cannot answer",
            "a dependency (database, approval provider) cannot answer; nothing was changed");

    private final String cause;
    private final String detail;

    Unavailable(String cause, String detail) {
        this.cause = cause;
        this.detail = detail;
    }

    /** For the log: what happened, in an operator's terms, with the setting to look at. */
    String cause() {
        return cause;
    }

    /** For the caller: the problem's {@code detail}. */
    String detail() {
        return detail;
    }

    /** Why {@code failure} makes the server unavailable, or {@code null} when it is something else (a bug). */
    static Unavailable of(Throwable failure) {
        boolean lock = false;
        boolean unreachable = false;
        boolean pool = false;
        boolean busy = false;
        boolean dependency = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "";
            // HYT00: H2's lock timeout; 55P03: PostgreSQL's lock_not_available. (A deadlock or a serialization
            // failure is a lost race, answered 409 before this is asked: UnexpectedExceptionHandler.isLostRace.)
            lock |= state.equals("HYT00") || state.equals("55P03");
            unreachable |= state.startsWith("08") || t instanceof SQLNonTransientConnectionException;
            pool |= t instanceof SQLTransientConnectionException;
            busy |= t instanceof SQLTransientException;
            dependency |= t instanceof RetriableException;
        }
        if (lock) {
            return LOCK_TIMEOUT;
        }
        if (unreachable) {
            return DATABASE_UNREACHABLE;
        }
        if (pool) {
            return POOL_EXHAUSTED;
        }
        if (busy) {
            return DATABASE_BUSY;
        }
        return dependency ? DEPENDENCY : null;
    }

    /** The innermost cause's message, on one line and capped: what the database or pool said, never a trace. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getMessage().strip().lines().findFirst().orElse("");
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
