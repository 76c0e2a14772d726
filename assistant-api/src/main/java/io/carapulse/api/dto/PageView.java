package io.carapulse.api.dto;

import java.util.List;

/** One page of a listing. */
public record PageView<T>(List<T> items, long total, int limit, long offset) {
}
