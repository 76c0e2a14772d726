package io.carapulse.api.dto;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Body of {@code POST /v1/runbooks/{name}/runs}.
 *
 * @param environment where the plan runs
 * @param params      the parameters as JSON values of their declared types (a number for an
 *                    {@code integer}, never {@code "3"}); omitted ones take their defaults
 * @param version     a specific version; the current one when absent
 */
public record RunbookRunRequest(String environment, ObjectNode params, Integer version) {
}
