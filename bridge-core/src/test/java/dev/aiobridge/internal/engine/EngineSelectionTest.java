package dev.aiobridge.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The engine a service gets, seen from outside: each case is a fresh JVM (the choice is made once per
 * JVM) running {@link EngineProbe}; the log line and the probe's output are checked. Engine-independent,
 * so it runs once (tagged to skip the threads-engine execution).
 */
@Tag("jdk-only")
class EngineSelectionTest {
    private static final String CLASS_PATH_FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";
    private static final String MODULE_PATH_FLAG = "--add-exports java.base/jdk.internal.vm=dev.aiobridge.core";
    /** The class-path flag as one JVM argument. */
    private static final String EXPORT = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";

    record Run(String out, String err) {
    }

    private static Run probe(String... jvmArgs) throws IOException, InterruptedException {
        return probeWithToolOptions(null, jvmArgs);
    }

    /** Runs the probe with {@code JAVA_TOOL_OPTIONS} set to {@code toolOptions} (null: unset). */
    private static Run probeWithToolOptions(String toolOptions, String... jvmArgs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = location(Engine.class) + File.pathSeparator + location(EngineProbe.class);
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", classPath, EngineProbe.class.getName()));
        Path err = Files.createTempFile("engine-probe", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().remove("JDK_JAVA_OPTIONS");
            if (toolOptions != null) {
                builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
            }
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe ended").isTrue();
            return new Run(out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void withTheExportTheJdkEngineIsAnnouncedOnceAtInfo() throws Exception {
        Run run = probe(EXPORT);
        assertThat(run.out()).isEqualTo("use 1: jdk 1" + System.lineSeparator() + "use 2: jdk 2" + System.lineSeparator());
        assertThat(count(run.err(), "aiobridge: continuation engine jdk")).isEqualTo(1);
        assertThat(run.err()).contains("INFO").doesNotContain("WARNING");
    }

    @Test
    void theExportInJavaToolOptionsGivesTheJdkEngine() throws Exception {
        Run run = probeWithToolOptions(EXPORT);
        assertThat(run.out()).startsWith("use 1: jdk 1");
        assertThat(run.err()).contains("Picked up JAVA_TOOL_OPTIONS").doesNotContain("WARNING");
    }

    @Test
    void withoutTheExportAutoFallsBackWithOneWarningNamingBothFlags() throws Exception {
        Run run = probe();
        assertThat(run.out()).isEqualTo("use 1: threads 1" + System.lineSeparator() + "use 2: threads 2" + System.lineSeparator());
        assertThat(count(run.err(), "aiobridge: continuation engine threads")).isEqualTo(1);
        assertThat(count(run.err(), "WARNING")).isEqualTo(1);
        assertThat(run.err()).contains(CLASS_PATH_FLAG, MODULE_PATH_FLAG, "Add-Exports: java.base/jdk.internal.vm");
    }

    @Test
    void threadsAskedForIsAnnouncedAtInfoWithoutWarning() throws Exception {
        Run run = probe("-Daiobridge.engine=threads", EXPORT);
        assertThat(run.out()).startsWith("use 1: threads 1");
        assertThat(count(run.err(), "aiobridge: continuation engine threads")).isEqualTo(1);
        assertThat(run.err()).doesNotContain("WARNING");
    }

    @Test
    void jdkAskedForWithoutTheExportFailsTheSameWayOnEveryUse() throws Exception {
        Run run = probe("-Daiobridge.engine=jdk");
        String[] lines = run.out().split(System.lineSeparator());
        assertThat(lines).hasSize(2);
        String first = lines[0].substring("use 1: ".length());
        String second = lines[1].substring("use 2: ".length());
        assertThat(first).isEqualTo(second)
                .startsWith(IllegalStateException.class.getName() + ": ")
                .contains(CLASS_PATH_FLAG, MODULE_PATH_FLAG);
        assertThat(run.out()).doesNotContain("NoClassDefFoundError");
    }
}
