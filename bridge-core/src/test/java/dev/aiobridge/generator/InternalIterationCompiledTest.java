package dev.aiobridge.generator;

import static org.assertj.core.api.Assertions.assertThat;

import iterationprobe.ForEachAllocation;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Internal iteration's speed path, compiled: a {@code forEach} over a generator runs the consumer on the
 * generator's own stack, and once the JIT has compiled it nothing is allocated per item, not even the
 * boxed value (the JIT inlines the yield and the consumer into the body's loop and removes the box). On
 * the threads engine that holds only behind the inlining barrier through which a body's thread calls
 * the body: without it the JIT compiles the body as the tail of the carrier's {@code Continuation.enter},
 * past its inlining depth, and every item allocates its box (16 bytes). Runs
 * {@link ForEachAllocation} in a JVM of its own, on this suite's engine, so that no other generator shares
 * the JIT's profiles; asserts bytes, never time.
 */
class InternalIterationCompiledTest {

    @Test
    void aCompiledForEachAllocatesNothingPerItem() throws Exception {
        String engine = Generator.engine();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (engine.equals("jdk")) {
            command.add("--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED");
        }
        command.addAll(List.of("-Daiobridge.engine=" + engine,
                "-cp", location(Generator.class) + File.pathSeparator + location(ForEachAllocation.class),
                ForEachAllocation.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe did not end: " + command);
        }
        List<String> out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.contains("announce") && !line.startsWith("INFO:")).toList();
        assertThat(process.exitValue()).as("the probe's exit; it printed %s", out).isZero();
        assertThat(out).startsWith("engine " + engine, "sum 5000050000");
        double bytesPerItem = Double.parseDouble(out.get(2).substring("bytes per item ".length()));
        assertThat(bytesPerItem).as("heap bytes per item of a compiled forEach (%s engine)", engine).isLessThan(1.0);
    }

    /** Where {@code type} was loaded from: a jar or a classes directory. */
    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
