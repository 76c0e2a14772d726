package io.carapulse.core.events;

import io.carapulse.api.dto.ExecutionEventView;
import java.util.List;

/** Reads stored execution events; {@link EventLog} is the one implementation outside tests. */
@FunctionalInterface
interface EventReader {

    /** Events of the execution after {@code afterSeq}, in order, at most {@code limit}. */
    List<ExecutionEventView> after(String executionId, long afterSeq, int limit);
}
