package dev.aiobridge.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.generator.Generator;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * aiobridge on the module path, as a modular application gets it: {@code dev.aiobridge.core} and
 * {@code dev.aiobridge.reactor} resolve with reactor-core and Reactive Streams, export their published
 * packages and not the internal ones, and the documented flag
 * ({@code --add-exports java.base/jdk.internal.vm=dev.aiobridge.core}) gives the fast engine; without it
 * the fallback's warning names that flag. Each case runs {@code modulepathprobe.Probe} in a JVM of its own.
 */
class ModulePathTest {

    @Test
    void theModulesResolveExportOnlyTheirApiAndTheFlagGivesTheJdkEngine() throws Exception {
        Result r = probe("--add-exports", "java.base/jdk.internal.vm=dev.aiobridge.core");
        assertThat(r.out).containsExactly(
                "core module: dev.aiobridge.core",
                "reactor module: dev.aiobridge.reactor",
                "flux: [1, 2, 3]",
                "coroutine: 42",
                "engine: jdk");
        assertThat(r.exit).isZero();
    }

    @Test
    void withoutTheFlagTheThreadsEngineRunsAndTheWarningNamesTheModulePathFlag() throws Exception {
        Result r = probe();
        assertThat(r.out).endsWith("flux: [1, 2, 3]", "coroutine: 42", "engine: threads");
        assertThat(String.join("\n", r.err)).contains("--add-exports java.base/jdk.internal.vm=dev.aiobridge.core");
        assertThat(r.exit).isZero();
    }

    private record Result(int exit, List<String> out, List<String> err) {
    }

    private static Result probe(String... flags) throws IOException, InterruptedException, URISyntaxException {
        String modulePath = String.join(File.pathSeparator, location(Generator.class), location(ReactorBridge.class),
                location(Flux.class), location(Publisher.class));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "--add-modules", "dev.aiobridge.reactor"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-cp", location(modulepathprobe.Probe.class), "modulepathprobe.Probe"));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        // Small outputs: read both streams after the exit (bounded wait; the probe runs in about a second).
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe did not end: " + command);
        }
        List<String> out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        List<String> err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (process.exitValue() != 0) {
            throw new AssertionError("the probe failed (" + process.exitValue() + "): " + out + "\n" + String.join("\n", err));
        }
        return new Result(process.exitValue(), out, err);
    }

    /** Where {@code type} was loaded from: a jar or a classes directory. */
    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
