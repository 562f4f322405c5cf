package dev.aiobridge.examples;

import java.io.PrintStream;

/** One runnable example of the tour. */
public interface Example {

    /** The name used on the command line ({@code java -jar aiobridge-examples.jar NAME}). */
    String name();

    /** One line that introduces the example in the tour. */
    String summary();

    /** Runs the example, printing to {@code out}. */
    void run(PrintStream out) throws Exception;
}
