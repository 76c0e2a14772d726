package io.carapulse.tools.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.tools.argocd.internal.ArgoExitMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a failed argocd call is named, from what the CLI prints on stderr. */
class ArgoExitMapperTest {

    private final ArgoExitMapper mapper = new ArgoExitMapper();

    @ParameterizedTest(name = "exit {0}, stderr ''{1}'' → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            20 | time="2024-11-21T09:00:00Z" level=fatal msg="rpc error: code = PermissionDenied desc = permission denied: applications, sync, payments/checkout, sub: ci-bot" | forbidden
            20 | rpc error: code = NotFound desc = applications.argoproj.io "checkout" not found | not_found
            20 | application 'checkout' not found                                        | not_found
            20 | rpc error: code = Unauthenticated desc = invalid session: token has invalid claims | unauthenticated
            20 | rpc error: code = Unauthenticated desc = invalid session: token is expired | unauthenticated
            20 | rpc error: code = FailedPrecondition desc = another operation is already in progress | conflict
            20 | another operation is already in progress                                 | conflict
            20 | rpc error: code = DeadlineExceeded desc = timed out waiting for app "checkout" match desired state | timed_out
            20 | rpc error: code = Unavailable desc = connection refused                  | tool_failed
            2  | Error: unknown flag: --bogus                                             | tool_failed
            1  | ''                                                                       | tool_failed
            """)
    void shouldNameTheFailureFromStderr(int exit, String stderr, String code) {
        assertThat(mapper.code(exit, stderr).code()).isEqualTo(code);
    }
}
