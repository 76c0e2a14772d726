package io.carapulse.api.dto;

/**
 * Extending a revert ({@code revertAfter}: counted from now) or cancelling one; {@code note} is the reason,
 * required to cancel.
 *
 * @param revertAfter for an extension: how long from now until the inverse runs, e.g. {@code 2h}
 * @param note        why
 */
public record RevertChangeRequest(String revertAfter, String note) {
}
