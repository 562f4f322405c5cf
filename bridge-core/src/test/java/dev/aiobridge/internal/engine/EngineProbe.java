package dev.aiobridge.internal.engine;

import dev.aiobridge.generator.Generator;

/** Run in a JVM of its own by {@link EngineSelectionTest}: uses generators twice, prints what it got. */
public final class EngineProbe {
    private EngineProbe() {
    }

    public static void main(String[] args) {
        for (int use = 1; use <= 2; use++) {
            try {
                int value = use;
                Generator<Integer, Object, Void> g = Generator.ofVoid(y -> y.yield(value));
                System.out.println("use " + use + ": " + Generator.engine() + " " + g.next());
            } catch (Throwable t) {
                System.out.println("use " + use + ": " + t.getClass().getName() + ": " + t.getMessage());
            }
        }
    }
}
