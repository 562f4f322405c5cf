package dev.aiobridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a translated scenario prints, line by line, compared with CPython's trace in
 * {@code src/test/resources/conformance/expected/NAME.txt}.
 */
public final class Trace {
    private final StringBuilder out = new StringBuilder();

    /** Python's {@code print(*parts)}: {@code str()} of each part, separated by spaces. */
    public synchronized void print(Object... parts) {
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(Py.str(parts[i]));
        }
        out.append('\n');
    }

    /** Python's {@code print(..., end=" ")}: no newline. */
    public synchronized void printNoNewline(Object... parts) {
        print(parts);
        out.setLength(out.length() - 1);
        out.append(' ');
    }

    /** Everything printed so far. */
    public synchronized String text() {
        return out.toString();
    }

    /** The lines printed so far. */
    public synchronized List<String> lines() {
        return new ArrayList<>(Arrays.asList(out.toString().split("\n", -1)));
    }

    /** Asserts that the trace equals CPython's for {@code scenario} (e.g. "001_gen_next_send_return"). */
    public void assertMatches(String scenario) {
        String expected = expected(scenario);
        assertThat(text()).as("trace of scenario %s", scenario).isEqualTo(expected);
    }

    /** CPython's trace for {@code scenario}. */
    public static String expected(String scenario) {
        String path = "/conformance/expected/" + scenario + ".txt";
        try (InputStream in = Trace.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("no expected trace " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
