package dev.aiobridge.examples;

import dev.aiobridge.generator.Generator;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The tour of examples: {@code java -jar aiobridge-examples.jar} runs them all in order, each framed in
 * English (what it shows, its input, where its source is; after the output, notes such as an English
 * gloss of a Korean demo); {@code java -jar aiobridge-examples.jar NAME} runs one and prints only its
 * own output; {@code --list} names them.
 */
public final class Tour {

    /** Every example, in the order the tour runs them. */
    public static final List<Example> EXAMPLES = List.of(
            new SeedAverager(),
            new SeedDelegation(),
            new GeneratorPipeline(),
            new CoroutineWalkthrough(),
            new SocketEcho(),
            new StreamsEcho(),
            new ChatServer(),
            new TlsEcho(),
            new Crawler(),
            new ProducerConsumer(),
            new AsyncGeneratorExample(),
            new ReactorAverager(),
            new SlowConsumer(),
            new ByteStreamBackpressure(),
            new MonoComposition());

    private Tour() {
    }

    /** Runs the tour, one example, or lists them. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (!run(args.length == 0 ? "" : args[0].trim(), out)) {
            System.err.println("no example named '" + args[0].trim() + "'; try --list");
            System.exit(2);
        }
    }

    /**
     * Runs the whole tour ({@code wanted} empty), the list ({@code --list}) or one example by name,
     * printing to {@code out}; false if there is no example of that name.
     */
    static boolean run(String wanted, PrintStream out) throws Exception {
        if (wanted.equals("--list")) {
            int width = EXAMPLES.stream().mapToInt(e -> e.name().length()).max().orElse(0);
            for (Example e : EXAMPLES) {
                out.println(e.name() + " ".repeat(width - e.name().length() + 2) + e.summary());
            }
            return true;
        }
        if (!wanted.isEmpty()) {
            Example e = find(wanted);
            if (e == null) {
                return false;
            }
            e.run(out);
            out.flush();
            return true;
        }
        out.println("aiobridge tour: " + EXAMPLES.size() + " examples, continuation engine '"
                + Generator.engine() + "'");
        out.println("(one example alone: java -jar aiobridge-examples.jar NAME; the names: --list)");
        for (Example e : EXAMPLES) {
            out.println();
            frame(e, out);
            e.run(out);
            for (String note : e.gloss()) {
                out.println("  | " + note);
            }
        }
        out.flush();
        return true;
    }

    /** The English frame before an example's output: what it shows, its input, its source. */
    static void frame(Example e, PrintStream out) {
        out.println("== " + e.name());
        out.println("   shows:  " + e.summary());
        if (!e.input().isEmpty()) {
            out.println("   input:  " + e.input());
        }
        out.println("   source: " + e.source());
        out.println("   output:");
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
