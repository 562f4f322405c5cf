package dev.aiobridge.examples;

import dev.aiobridge.generator.Generator;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The tour of examples: {@code java -jar aiobridge-examples.jar} runs them all in order, each introduced
 * by one line; {@code java -jar aiobridge-examples.jar NAME} runs one and prints only its output;
 * {@code --list} names them.
 */
public final class Tour {

    /** Every example, in the order the tour runs them. */
    public static final List<Example> EXAMPLES = List.of(
            new SeedAverager(),
            new SeedDelegation(),
            new GeneratorPipeline(),
            new CoroutineWalkthrough(),
            new SocketEcho(),
            new Crawler(),
            new ProducerConsumer(),
            new AsyncGeneratorExample(),
            new ReactorAverager(),
            new SlowConsumer(),
            new MonoComposition());

    private Tour() {
    }

    /** Runs the tour, one example, or lists them. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        String wanted = args.length == 0 ? "" : args[0].trim();
        if (wanted.equals("--list")) {
            for (Example e : EXAMPLES) {
                out.printf("%-18s %s%n", e.name(), e.summary());
            }
            return;
        }
        if (!wanted.isEmpty()) {
            Example e = find(wanted);
            if (e == null) {
                System.err.println("no example named '" + wanted + "'; try --list");
                System.exit(2);
            }
            e.run(out);
            out.flush();
            return;
        }
        out.println("aiobridge tour: " + EXAMPLES.size() + " examples, continuation engine '"
                + Generator.engine() + "'");
        for (Example e : EXAMPLES) {
            out.println();
            out.println("== " + e.name() + ": " + e.summary());
            e.run(out);
        }
        out.flush();
    }

    /** The example called {@code name}, or null. */
    public static Example find(String name) {
        for (Example e : EXAMPLES) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
