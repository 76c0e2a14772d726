package io.carapulse.core.observability;

import org.slf4j.MDC;

/**
 * The MDC of a run of one execution: its id and the correlation id it was started with, for the
 * lines the runner's thread logs while it works on it; {@link #close} puts back what was there.
 */
public final class LogContext implements AutoCloseable {

    private final String previousCorrelation;
    private final String previousExecution;

    private LogContext(String executionId, String correlationId) {
        previousCorrelation = MDC.get(Correlation.MDC_CORRELATION_ID);
        previousExecution = MDC.get(Correlation.MDC_EXECUTION_ID);
        put(Correlation.MDC_EXECUTION_ID, executionId);
        put(Correlation.MDC_CORRELATION_ID, correlationId);
    }

    /** Opens the run's MDC; {@code correlationId} is null for an execution older than correlation ids. */
    public static LogContext execution(String executionId, String correlationId) {
        return new LogContext(executionId, correlationId);
    }

    @Override
    public void close() {
        put(Correlation.MDC_CORRELATION_ID, previousCorrelation);
        put(Correlation.MDC_EXECUTION_ID, previousExecution);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
