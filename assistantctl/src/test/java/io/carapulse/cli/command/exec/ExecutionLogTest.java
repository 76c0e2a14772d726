package io.carapulse.cli.command.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.carapulse.api.dto.ExecutionEventView;
import io.carapulse.cli.ExitCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How following ends: the terminal event decides the exit code. */
class ExecutionLogTest {

    @Test
    void shouldExitByTheTerminalEvent() {
        assertThat(ExecutionLog.outcome(finished("SUCCEEDED"))).isEqualTo(ExitCode.OK);
        assertThat(ExecutionLog.outcome(finished("FAILED"))).isEqualTo(ExitCode.EXECUTION_FAILED);
        assertThat(ExecutionLog.outcome(finished("ROLLED_BACK"))).isEqualTo(ExitCode.EXECUTION_FAILED);
        assertThat(ExecutionLog.outcome(finished("CANCELLED"))).isEqualTo(ExitCode.EXECUTION_FAILED);
        assertThat(ExecutionLog.outcome(new ExecutionEventView(9, "execution.held", Instant.now(),
                JsonNodeFactory.instance.objectNode().put("status", "UNKNOWN")))).isEqualTo(ExitCode.EXECUTION_HELD);
    }

    private static ExecutionEventView finished(String status) {
        return new ExecutionEventView(9, "execution.finished", Instant.now(),
                JsonNodeFactory.instance.objectNode().put("status", status));
    }
}
