package io.carapulse.api.dto;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Body of {@code POST /v1/schedules}.
 *
 * @param runbook     the runbook to run (its current version at each tick)
 * @param environment where
 * @param params      its parameters, typed as for a run
 * @param cron        five fields (minute hour day-of-month month day-of-week), or six with seconds first
 * @param timeZone    an IANA zone such as {@code Europe/Berlin}; the cron is read in it (DST included)
 * @param enabled     whether it fires (default true)
 * @param overlap     {@code skip} (default): a tick while the previous run's plan is not finished makes
 *                    no plan; {@code queue}: it waits until that plan is finished
 * @param misfire     {@code skip} (default): a tick missed (the servers were down) makes no plan;
 *                    {@code run-once}: the missed ticks make one plan when the servers are back
 */
public record ScheduleCreateRequest(
        String runbook,
        String environment,
        ObjectNode params,
        String cron,
        String timeZone,
        Boolean enabled,
        String overlap,
        String misfire) {
}
