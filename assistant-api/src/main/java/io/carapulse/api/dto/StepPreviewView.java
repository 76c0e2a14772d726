package io.carapulse.api.dto;

/**
 * What a write step will change, read from the provider when the plan was made (a proposed change's
 * unified diff); the plan's fingerprint covers it, and the step refuses with {@code precondition_failed}
 * if what it was computed from has moved by the time it runs.
 *
 * @param summary    one line: {@code "2 files in acme/web from main@1a2b3c4: +12 -3"}
 * @param diff       the unified diff (git's format)
 * @param diffSha256 the diff's SHA-256, also recorded in the step's evidence
 */
public record StepPreviewView(String summary, String diff, String diffSha256) {
}
