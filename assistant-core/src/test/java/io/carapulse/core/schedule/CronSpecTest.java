package io.carapulse.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.error.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cron times in a zone across daylight-saving changes: a daily time keeps its local time on both
 * sides of the change; a time in the hour that does not exist fires once that day; a time in the
 * hour that happens twice fires once.
 */
class CronSpecTest {

    @Test
    void shouldKeepTheLocalTimeAcrossTheSpringAndAutumnChangesInBerlin() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        List<ZonedDateTime> fires = fires(CronSpec.parse("0 9 * * *", "Europe/Berlin"),
                ZonedDateTime.of(2026, 3, 27, 12, 0, 0, 0, berlin), 4);
        assertThat(fires).extracting(z -> z.toLocalDateTime().toString())
                .containsExactly("2026-03-28T09:00", "2026-03-29T09:00", "2026-03-30T09:00", "2026-03-31T09:00");
        // the same local hour is a different UTC hour after the change
        assertThat(fires.get(0).toInstant()).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
        assertThat(fires.get(1).toInstant()).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));

        List<ZonedDateTime> autumn = fires(CronSpec.parse("0 9 * * *", "Europe/Berlin"),
                ZonedDateTime.of(2026, 10, 24, 12, 0, 0, 0, berlin), 2);
        assertThat(autumn.get(0).toInstant()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));
        assertThat(autumn.get(1).toInstant()).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void shouldFireOnceADayAtATimeInsideTheHourThatIsSkippedOrRepeated() {
        for (String zone : List.of("Europe/Berlin", "America/New_York")) {
            ZoneId z = ZoneId.of(zone);
            CronSpec spec = CronSpec.parse("30 2 * * *", zone);
            // spring: 2026-03-29 in Berlin and 2026-03-08 in New York have no 02:30
            LocalDate spring = zone.startsWith("Europe") ? LocalDate.of(2026, 3, 29) : LocalDate.of(2026, 3, 8);
            List<ZonedDateTime> gap = fires(spec, spring.minusDays(2).atStartOfDay(z), 5);
            assertThat(perDay(gap, z)).as(zone + " spring").containsOnly(1L);
            assertThat(gap).extracting(f -> f.toLocalDate()).as(zone + " spring " + gap).contains(spring);
            // autumn: 2026-10-25 in Berlin and 2026-11-01 in New York have 02:30 twice
            LocalDate autumn = zone.startsWith("Europe") ? LocalDate.of(2026, 10, 25) : LocalDate.of(2026, 11, 1);
            List<ZonedDateTime> around = fires(spec, autumn.minusDays(2).atStartOfDay(z), 5);
            assertThat(perDay(around, z)).as(zone + " autumn").containsOnly(1L);
            assertThat(around).extracting(f -> f.toLocalDate()).contains(autumn);
        }
    }

    @Test
    void shouldNameWhatIsWrongWithACronOrAZone() {
        assertThatThrownBy(() -> CronSpec.parse("0 9 * *", "UTC")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("cron: has 4 fields");
        assertThatThrownBy(() -> CronSpec.parse("0 25 * * *", "UTC")).hasMessageContaining("is not a cron expression");
        assertThatThrownBy(() -> CronSpec.parse("0 9 * * *", "Mars/Olympus")).hasMessageContaining("timeZone: 'Mars/Olympus'");
        assertThat(CronSpec.parse("*/2 * * * * *", "UTC").next(Instant.parse("2026-01-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-01T00:00:02Z"));
    }

    private static List<ZonedDateTime> fires(CronSpec spec, ZonedDateTime from, int count) {
        List<ZonedDateTime> out = new ArrayList<>();
        Instant at = from.toInstant();
        for (int i = 0; i < count; i++) {
            at = spec.next(at);
            out.add(at.atZone(spec.zone()));
        }
        return out;
    }

    private static List<Long> perDay(List<ZonedDateTime> fires, ZoneId zone) {
        return fires.stream().collect(java.util.stream.Collectors.groupingBy(f -> f.toLocalDate(),
                java.util.stream.Collectors.counting())).values().stream().toList();
    }
}
