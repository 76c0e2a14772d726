package io.carapulse.api.dto;

import java.util.List;

/**
 * One page of a listing, newest first. {@code next} is the cursor of the following (older) page, to
 * pass back unchanged as {@code before=}; {@code null} on the last page. There is no total: counting
 * every matching row on every page would make a page cost as much as the whole history.
 */
public record PageView<T>(List<T> items, int limit, String next) {
}
