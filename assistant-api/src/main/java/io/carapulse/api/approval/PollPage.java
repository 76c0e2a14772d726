package io.carapulse.api.approval;

import java.util.List;

/**
 * One page of a poll.
 *
 * @param changedIds the external ids on this page that changed
 * @param nextPage   where the next page of this pass starts, null on the last page
 * @param cursor     the cursor to start the next pass from once every page has been handled
 */
public record PollPage(List<String> changedIds, String nextPage, String cursor) {

    public PollPage {
        changedIds = List.copyOf(changedIds);
    }
}
