package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A runbook version as the API shows it.
 *
 * @param name         e.g. {@code scale-service}
 * @param version      1, 2, …: every change of content is a new version
 * @param description  what it does, for people
 * @param source       {@code builtin}, {@code file} or {@code api}
 * @param location     the file it was read from ({@code file}), else absent
 * @param environments where it may run; empty means every environment
 * @param parameters   name → schema ({@code type}, {@code enum}, {@code minimum}, {@code maximum},
 *                     {@code minLength}, {@code maxLength}, {@code pattern}, {@code default},
 *                     {@code description})
 * @param summary      the plan summary, with {@code ${params.x}} filled in at run time
 * @param steps        the act steps as templates; absent in lists
 * @param verify       the verify steps as templates; absent in lists
 * @param sha256       sha256 of the canonical JSON of the definition
 * @param createdAt    when this version was recorded
 * @param createdBy    who recorded it ({@code system} for built-ins and files)
 */
public record RunbookView(
        String name,
        int version,
        String description,
        String source,
        @JsonInclude(JsonInclude.Include.NON_NULL) String location,
        List<String> environments,
        ObjectNode parameters,
        String summary,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode steps,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode verify,
        String sha256,
        Instant createdAt,
        String createdBy) {
}
