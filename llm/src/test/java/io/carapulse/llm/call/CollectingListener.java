package io.carapulse.llm.call;

import io.carapulse.api.llm.LlmListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every text delta, in order. */
public final class CollectingListener implements LlmListener {

    private final List<String> deltas = new CopyOnWriteArrayList<>();

    @Override
    public void onText(String delta) {
        deltas.add(delta);
    }

    public List<String> deltas() {
        return List.copyOf(deltas);
    }
}
