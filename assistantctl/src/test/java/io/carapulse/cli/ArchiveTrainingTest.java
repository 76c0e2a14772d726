package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The archive's training run reaches its stand-in server with every command, so the archive holds their classes. */
class ArchiveTrainingTest {

    @Test
    void shouldRunTheCommonestCommandsAgainstTheStandInServer() throws Exception {
        List<Integer> codes = ArchiveTraining.run();
        // --help, plan list, plan list -o json, exec list succeed; plan show finds nothing; doctor's checks
        // fail on the stand-in's missing endpoints; none found the server unreachable
        assertThat(codes).containsExactly(ExitCode.OK.code(), ExitCode.OK.code(), ExitCode.OK.code(),
                ExitCode.NOT_FOUND.code(), ExitCode.OK.code(), ExitCode.CHECK_FAILED.code());
    }
}
