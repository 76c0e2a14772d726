package io.carapulse.api.dto;

import java.util.List;

/**
 * What a chat turn did, as the runtime recorded it — not as the model tells it. A client prints it
 * after the model's answer so that a claim such as "Done: I deleted namespace prod" never stands
 * alone when nothing ran.
 *
 * @param ran               the functions that ran, each as a one-step plan with an execution
 * @param refused           the calls that did not run: an unknown function, invalid arguments, a
 *                          refusal by validation or policy, a bound of the turn
 * @param awaitingApproval  plans proposed in the turn that write and wait for a person's approval
 * @param awaitingExecution plans proposed in the turn that only read and wait for a person to run them
 * @param changed           whether anything that writes ran in the turn
 * @param text              all of the above as one line for people, e.g.
 *                          {@code no change was made; plan pln_… awaits approval}
 */
public record TurnSummaryView(
        List<CallView> ran,
        List<CallView> refused,
        List<String> awaitingApproval,
        List<String> awaitingExecution,
        boolean changed,
        String text) {

    /**
     * One function call.
     *
     * @param function    the function the model called, e.g. {@code kubectl_get}
     * @param outcome     for a call that ran, how its execution ended ({@code SUCCEEDED}, {@code FAILED}, …);
     *                    for a refused one, why (a problem code such as {@code validation_failed})
     * @param executionId the execution, for a call that ran
     */
    public record CallView(String function, String outcome, String executionId) {
    }
}
