package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitExitMapperTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fatal: Authentication failed for 'https://git.example.com/ops/values.git/'|unauthenticated",
        "fatal: could not read Username for 'https://git.example.com': terminal prompts disabled|unauthenticated",
        "fatal: unable to access 'https://git.example.com/x.git/': The requested URL returned error: 403|forbidden",
        "warning: Could not find remote branch nope to clone.\\nfatal: Remote branch nope not found in upstream origin|not_found",
        "remote: Repository not found.\\nfatal: repository 'https://git.example.com/x.git/' not found|not_found",
        "fatal: unable to access 'https://git.example.com/x.git/': The requested URL returned error: 404|not_found",
        "fatal: unable to access 'https://git.example.com/x.git/': Could not resolve host: git.example.com|unavailable",
        "fatal: destination path exists|tool_failed",
    })
    void shouldNameEachFailure(String stderr, String code) {
        assertThat(new GitExitMapper().code(128, stderr.replace("\\n", "\n")).code()).isEqualTo(code);
    }
}
