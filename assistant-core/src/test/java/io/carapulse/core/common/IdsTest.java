package io.carapulse.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Opaque, time-ordered identifiers. */
class IdsTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("pln", (Supplier<String>) Ids::plan),
                Arguments.of("apr", (Supplier<String>) Ids::approval),
                Arguments.of("exe", (Supplier<String>) Ids::execution),
                Arguments.of("stp", (Supplier<String>) Ids::stepRun),
                Arguments.of("evd", (Supplier<String>) Ids::evidence),
                Arguments.of("tok", (Supplier<String>) Ids::token));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldStartWithItsTypePrefixFollowedByTwentySixCrockfordCharacters(String prefix, Supplier<String> id) {
        assertThat(id.get()).matches(prefix + "_[0-9abcdefghjkmnpqrstvwxyz]{26}");
    }

    @Test
    void shouldEncodeTheCurrentTimeInTheFirstTenCharacters() {
        long before = System.currentTimeMillis();
        String body = Ids.next("x").substring(2);
        long after = System.currentTimeMillis();

        long millis = 0;
        for (char c : body.substring(0, 10).toCharArray()) {
            millis = millis * 32 + "0123456789abcdefghjkmnpqrstvwxyz".indexOf(c);
        }
        assertThat(millis).isBetween(before, after);
    }

    @Test
    void shouldSortSuccessiveIdsInCreationOrder() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Ids.plan());
            Thread.sleep(2);
        }

        assertThat(ids).isSorted();
    }

    @Test
    void shouldNeverRepeatInTenThousandIds() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(Ids.execution());
        }

        assertThat(seen).hasSize(10_000);
    }
}
