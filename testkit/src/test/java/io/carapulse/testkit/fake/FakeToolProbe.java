package io.carapulse.testkit.fake;

import io.carapulse.api.tool.ToolAdapter;
import io.micronaut.context.ApplicationContext;

/** Prints the tool adapters a default application context offers; run by {@link FakeToolFactoryTest}. */
final class FakeToolProbe {

    private FakeToolProbe() {
    }

    public static void main(String[] args) {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            System.out.println("tools=" + ctx.getBeansOfType(ToolAdapter.class).stream().map(ToolAdapter::name).toList());
        }
    }
}
