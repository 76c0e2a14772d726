package io.carapulse.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The stable wire codes clients branch on. */
class ProblemCodeTest {

    @Test
    void shouldGiveEveryProblemADistinctCode() {
        assertThat(Arrays.stream(ProblemCode.values()).map(ProblemCode::code)).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(ProblemCode.class)
    void shouldWriteEachCodeInLowerCaseSnakeCase(ProblemCode code) {
        assertThat(code.code()).matches("[a-z]+(_[a-z]+)*");
    }

    @ParameterizedTest
    @EnumSource(ProblemCode.class)
    void shouldFindEachProblemByItsOwnCode(ProblemCode code) {
        assertThat(ProblemCode.fromCode(code.code())).contains(code);
    }

    @ParameterizedTest
    @EnumSource(ProblemCode.class)
    void shouldAnswerEveryProblemWithAClientOrServerErrorStatus(ProblemCode code) {
        assertThat(code.status()).isBetween(400, 599);
    }

    @ParameterizedTest
    @EnumSource(ProblemCode.class)
    void shouldGiveEveryProblemATitle(ProblemCode code) {
        assertThat(code.title()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"APPROVAL_REQUIRED", "approval-required", "no_such_code", ""})
    void shouldFindNothingForACodeThatIsNotExactlyAWireCode(String code) {
        assertThat(ProblemCode.fromCode(code)).isEmpty();
    }

    @Test
    void shouldFindNothingForANullCode() {
        assertThat(ProblemCode.fromCode(null)).isEmpty();
    }

    @Test
    void shouldKeepTheWireFormOfCodesClientsAlreadyUse() {
        assertThat(ProblemCode.APPROVAL_REQUIRED.code()).isEqualTo("approval_required");
        assertThat(ProblemCode.FINGERPRINT_MISMATCH.code()).isEqualTo("fingerprint_mismatch");
        assertThat(ProblemCode.SELF_APPROVAL_FORBIDDEN.status()).isEqualTo(403);
        assertThat(ProblemCode.UNAVAILABLE.status()).isEqualTo(503);
        assertThat(ProblemCode.AUDIT_SIGNING_OFF.code()).isEqualTo("audit_signing_off");
        assertThat(ProblemCode.AUDIT_SIGNING_OFF.status()).isEqualTo(409);
    }
}
