package io.carapulse.tools.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.vault.internal.VaultExitMapper;
import io.carapulse.tools.vault.internal.VaultHttpErrors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** STYLE 6: how Vault's HTTP statuses and the vault CLI's exits read, as tables. */
class VaultErrorsTest {

    @ParameterizedTest
    @CsvSource({
            "0, UNAVAILABLE, true",
            "400, INVALID_ARGUMENTS, false",
            "401, UNAUTHENTICATED, false",
            "403, FORBIDDEN, false",
            "404, NOT_FOUND, false",
            "405, TOOL_FAILED, false",
            "409, CONFLICT, false",
            "412, PRECONDITION_FAILED, true",
            "429, RATE_LIMITED, true",
            "472, UNAVAILABLE, false",
            "473, UNAVAILABLE, false",
            "500, TOOL_FAILED, false",
            "502, UNAVAILABLE, true",
            "503, UNAVAILABLE, true",
            "504, UNAVAILABLE, true"})
    void shouldReadEachHttpStatus(int status, ToolFailure failure, boolean retriableForReads) {
        assertThat(VaultHttpErrors.MAPPER.failure(status)).isEqualTo(failure);
        assertThat(VaultHttpErrors.MAPPER.retriable(status)).isEqualTo(retriableForReads);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 | Error reading secret/metadata/app: Error making API request.\\n\\nURL: GET https://v:8200/v1/secret/metadata/app\\nCode: 403. Errors:\\n\\n* permission denied | FORBIDDEN",
            "1 | Error making API request.\\n\\nURL: PUT https://v:8200/v1/sys/leases/lookup\\nCode: 400. Errors:\\n\\n* invalid lease | INVALID_ARGUMENTS",
            "1 | Error making API request.\\nCode: 429. Errors:\\n\\n* rate limit quota exceeded | RATE_LIMITED",
            "1 | Error making API request.\\nCode: 503. Errors:\\n\\n* Vault is sealed | UNAVAILABLE",
            "2 | No value found at secret/metadata/app | NOT_FOUND",
            "2 | Too many arguments (expected 1, got 2) | INVALID_ARGUMENTS",
            "1 | Get \"https://v:8200/v1/sys/health\": dial tcp 10.0.0.5:8200: connect: connection refused | UNAVAILABLE",
            "1 | something else | TOOL_FAILED"})
    void shouldReadEachCliExit(int exit, String stderr, ToolFailure failure) {
        assertThat(new VaultExitMapper().code(exit, stderr.replace("\\n", "\n"))).isEqualTo(failure);
    }
}
