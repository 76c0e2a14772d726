package io.carapulse.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.config.ConfigurationException;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.config.GuardRails.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When a maintenance window is open, at its edges, and which cron expressions stop the start. */
class MaintenanceWindowsTest {

    /** 22:00 to 02:00 Berlin time, opening Monday to Friday; 2026-03-02 is a Monday, Berlin is UTC+1 then. */
    private static final MaintenanceWindow WEEKNIGHTS = new MaintenanceWindow("0 0 22 * * MON-FRI", Duration.ofHours(4),
            ZoneId.of("Europe/Berlin"));

    private final MaintenanceWindows windows = new MaintenanceWindows();

    @Test
    void shouldBeClosedJustBeforeItOpens() {
        assertThat(windows.open(WEEKNIGHTS, Instant.parse("2026-03-02T20:59:59Z"))).isFalse();
    }

    @Test
    void shouldBeOpenTheMomentItOpens() {
        assertThat(windows.open(WEEKNIGHTS, Instant.parse("2026-03-02T21:00:00Z"))).isTrue();
    }

    @Test
    void shouldBeOpenJustBeforeItCloses() {
        assertThat(windows.open(WEEKNIGHTS, Instant.parse("2026-03-03T00:59:59Z"))).isTrue();
    }

    @Test
    void shouldBeClosedTheMomentItCloses() {
        assertThat(windows.open(WEEKNIGHTS, Instant.parse("2026-03-03T01:00:00Z"))).isFalse();
    }

    @Test
    void shouldReadTheCronInItsTimeZone() {
        // summer time: 22:00 in Berlin is 20:00 UTC
        assertThat(windows.open(WEEKNIGHTS, Instant.parse("2026-07-06T20:00:00Z"))).isTrue();
        assertThat(windows.open(WEEKNIGHTS, Instant.parse("2026-07-06T21:59:59Z"))).isTrue();
        assertThat(windows.open(WEEKNIGHTS, Instant.parse("2026-07-06T19:59:59Z"))).isFalse();
    }

    @Test
    void shouldStayClosedOnDaysTheCronDoesNotFire() {
        // Saturday 2026-03-07 22:30 Berlin
        assertThat(windows.open(WEEKNIGHTS, Instant.parse("2026-03-07T21:30:00Z"))).isFalse();
        // but Friday's window runs into Saturday morning
        assertThat(windows.open(WEEKNIGHTS, Instant.parse("2026-03-07T00:30:00Z"))).isTrue();
    }

    @Test
    void shouldAllowAnyTimeWithoutWindowsAndAnyOpenWindowWithSeveral() {
        Instant saturdayNoon = Instant.parse("2026-03-07T11:00:00Z");
        MaintenanceWindow saturdays = new MaintenanceWindow("0 0 10 * * SAT", Duration.ofHours(3), ZoneId.of("UTC"));

        assertThat(windows.anyOpen(List.of(), saturdayNoon)).isTrue();
        assertThat(windows.anyOpen(List.of(WEEKNIGHTS), saturdayNoon)).isFalse();
        assertThat(windows.anyOpen(List.of(WEEKNIGHTS, saturdays), saturdayNoon)).isTrue();
    }

    @Test
    void shouldSayWhenTheNextWindowOpens() {
        assertThat(windows.nextOpening(List.of(WEEKNIGHTS), Instant.parse("2026-03-07T11:00:00Z")))
                .contains(Instant.parse("2026-03-09T21:00:00Z"));
    }

    @Test
    void shouldAcceptASixFieldExpression() {
        assertThat(windows.problem("0 30 22 * * MON-FRI")).isEmpty();
        assertThat(windows.problem("0 0 6 1 * ?")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 22 * * MON-FRI", "-", "", "0 0 25 * * *", "0 0 22 * * MONDAY-FRIDAY", "every night"})
    void shouldRefuseWhatIsNotASixFieldExpression(String expression) {
        assertThat(windows.problem(expression)).hasValueSatisfying(p -> assertThat(p)
                .contains("cron expression of six fields").doesNotContain("cronutils").doesNotContain("Exception"));
    }

    @Test
    void shouldStopTheStartWithABadCronNamingTheSetting() {
        EnvironmentProperties prod = new EnvironmentProperties("prod", null, List.of("operator"), List.of("approver"),
                List.of("operator"), false, false, List.of("admin"), Duration.ofHours(1), List.of("local"), null,
                new EnvironmentProperties.GuardRailsProperties(List.of(Map.of("cron", "0 0 25 * * *",
                        "duration", "4h")), null, null, null, null, null));

        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(prod), windows))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.guard-rails.maintenance-windows[0].cron: is not a "
                        + "valid cron expression of six fields");
    }
}
