package dev.aiobridge.examples;

import java.io.PrintStream;
import java.util.List;

/** One runnable example of the tour. */
public interface Example {

    /** The name used on the command line ({@code java -jar aiobridge-examples.jar NAME}). */
    String name();

    /** One line that introduces the example in the tour. */
    String summary();

    /** What the example is given (what it sends, reads or serves), told in the tour before it runs. */
    default String input() {
        return "";
    }

    /** Where the example's source is, relative to the repository root. */
    default String source() {
        return "examples/src/main/java/dev/aiobridge/examples/" + getClass().getSimpleName() + ".java";
    }

    /** English notes printed by the tour after the example's own output (e.g. a gloss of a Korean demo). */
    default List<String> gloss() {
        return List.of();
    }

    /** Runs the example, printing to {@code out}. */
    void run(PrintStream out) throws Exception;
}
