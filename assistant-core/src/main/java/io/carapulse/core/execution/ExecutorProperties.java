package io.carapulse.core.execution;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code carapulse.executor.*}: how executions are claimed and run.
 *
 * @param threads               executions one replica runs at once
 * @param pollInterval          how often a replica looks for due executions (db-scheduler)
 * @param heartbeatInterval     how often a running execution proves its replica is alive
 * @param missedHeartbeatsLimit after this many missed heartbeats another replica takes the execution over
 * @param maxStepTimeout        no step may run longer, whatever it asks for
 * @param cancelCheckInterval   how often a running step looks for a cancel request made on another replica
 * @param maxOutputEvents       output lines per step streamed as events; the rest only count
 * @param outputFlushInterval   how often a running step writes the output lines that came since the last write
 */
@ConfigurationProperties("carapulse.executor")
public record ExecutorProperties(
        @Bindable(defaultValue = "4") int threads,
        @Bindable(defaultValue = "2s") Duration pollInterval,
        @Bindable(defaultValue = "10s") Duration heartbeatInterval,
        @Bindable(defaultValue = "4") int missedHeartbeatsLimit,
        @Bindable(defaultValue = "1h") Duration maxStepTimeout,
        @Bindable(defaultValue = "500ms") Duration cancelCheckInterval,
        @Bindable(defaultValue = "2000") int maxOutputEvents,
        @Bindable(defaultValue = "100ms") Duration outputFlushInterval) {
}
