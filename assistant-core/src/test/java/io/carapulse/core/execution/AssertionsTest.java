package io.carapulse.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.Assertion;
import io.carapulse.core.common.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A verify step's check against the structured result of its call. */
class AssertionsTest {

    private static final JsonNode DATA = Json.read("""
            {"status": {"readyReplicas": 3, "ratio": 0.5, "phase": "Running", "paused": false, "message": null},
             "items": [{"name": "web"}]}
            """);

    private static Optional<String> check(String pointer, String op, String valueJson) {
        return Assertions.check(new Assertion(pointer, op, valueJson == null ? null : Json.read(valueJson)), DATA);
    }

    @ParameterizedTest(name = "{0} {1} {2} holds: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            /status/readyReplicas | eq  | 3         | true
            /status/readyReplicas | eq  | 3.0       | true
            /status/readyReplicas | eq  | 3.00e0    | true
            /status/readyReplicas | eq  | 4         | false
            /status/readyReplicas | ne  | 4         | true
            /status/readyReplicas | ne  | 3.0       | false
            /status/readyReplicas | gt  | 2         | true
            /status/readyReplicas | gt  | 3         | false
            /status/readyReplicas | gte | 3.0       | true
            /status/readyReplicas | gte | 3.5       | false
            /status/readyReplicas | lt  | 4         | true
            /status/readyReplicas | lt  | 3         | false
            /status/readyReplicas | lte | 3         | true
            /status/readyReplicas | lte | 2.99      | false
            /status/ratio         | eq  | 0.50      | true
            /status/ratio         | lt  | 1         | true
            /status/phase         | eq  | "Running" | true
            /status/phase         | eq  | "running" | false
            /status/phase         | ne  | "Failed"  | true
            /status/phase         | gt  | "Pending" | true
            /status/phase         | lt  | "Pending" | false
            /status/paused        | eq  | false     | true
            /status/paused        | eq  | true      | false
            /items/0/name         | eq  | "web"     | true
            /status/readyReplicas | eq  | "3"       | false
            """)
    void shouldCompareNumbersByValueAndStringsExactly(String pointer, String op, String value, boolean holds) {
        assertThat(check(pointer, op, value).isEmpty()).isEqualTo(holds);
    }

    @Test
    void shouldExplainAFailedComparisonWithTheActualValue() {
        assertThat(check("/status/readyReplicas", "gte", "5"))
                .contains("/status/readyReplicas is 3; expected gte 5");
    }

    @Test
    void shouldHoldExistsForAPresentValueEvenWhenItIsFalse() {
        assertThat(check("/status/paused", "exists", null)).isEmpty();
        assertThat(check("/status", "exists", null)).isEmpty();
    }

    @Test
    void shouldFailExistsForAMissingPointerOrAnExplicitNull() {
        assertThat(check("/status/unavailableReplicas", "exists", null)).contains("/status/unavailableReplicas is absent");
        assertThat(check("/status/message", "exists", null)).contains("/status/message is absent");
    }

    @Test
    void shouldFailEveryComparisonOnAMissingPointerEvenNe() {
        assertThat(check("/status/nope", "ne", "1")).contains("/status/nope is absent; expected ne 1");
        assertThat(check("/status/nope", "eq", "1")).isPresent();
    }

    @Test
    void shouldFailWhenTheCallReturnedNoData() {
        Assertion a = new Assertion("/status/readyReplicas", "eq", Json.toTree(3));

        assertThat(Assertions.check(a, null)).contains("/status/readyReplicas is absent; expected eq 3");
        assertThat(Assertions.check(a, Json.read("null"))).isPresent();
        assertThat(Assertions.check(new Assertion("/x", "exists", null), null)).isPresent();
    }

    @Test
    void shouldHoldWhenThereIsNoAssertion() {
        assertThat(Assertions.check(null, DATA)).isEmpty();
        assertThat(Assertions.check(null, null)).isEmpty();
    }

    @Test
    void shouldFailAnOperatorItDoesNotKnow() {
        assertThat(check("/status/readyReplicas", "approx", "3")).isPresent();
    }

    @Test
    void shouldFailNotThrowWhenAnOrderingCannotCompareTheTwoValues() {
        // a verify step whose assertion does not fit the data must fail the step, never escape as an
        // exception: that left the step RUNNING and the execution retried by the scheduler forever
        assertThat(check("/status/phase", "gt", "3"))
                .contains("/status/phase is \"Running\"; cannot compare with gt 3");
        assertThat(check("/status/readyReplicas", "lte", "\"5\"")).isPresent();
        assertThat(check("/status/paused", "lt", "true")).isPresent();
        assertThat(check("/items", "gte", "1")).isPresent();
    }
}
