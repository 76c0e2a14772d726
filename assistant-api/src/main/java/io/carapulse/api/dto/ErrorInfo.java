package io.carapulse.api.dto;

/** Why an execution or a step ended badly: a stable code and a redacted one-line detail. */
public record ErrorInfo(String code, String detail) {
}
