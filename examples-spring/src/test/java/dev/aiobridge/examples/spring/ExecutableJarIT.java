package dev.aiobridge.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The recipe for a service's fast engine, checked for real: the Boot executable jar built by
 * {@code package} carries {@code Add-Exports: java.base/jdk.internal.vm} in its manifest, so plain
 * {@code java -jar} (no flag) gets the {@code jdk} engine.
 */
class ExecutableJarIT {
    private static final Pattern STARTED = Pattern.compile("Netty started on port (\\d+)");

    @Test
    void javaDashJarGetsTheJdkEngineWithNoFlag() throws Exception {
        Path jar = Path.of(System.getProperty("example.jar"));
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process app = new ProcessBuilder(java, "-jar", jar.toString(), "--server.port=0")
                .redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ended) {
                // the process is gone
            }
        });
        StringBuilder log = new StringBuilder();
        try {
            int port = -1;
            while (port < 0) {
                String line = lines.poll(120, TimeUnit.SECONDS);
                assertThat(line).as("the app starts; its output so far:\n%s", log).isNotNull();
                log.append(line).append('\n');
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(log).contains("aiobridge: event loop started on thread 'aiobridge-loop', continuation engine jdk");
            assertThat(log).doesNotContain("WARNING");

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> engine = http.send(HttpRequest.newBuilder(URI.create(base + "/engine"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(engine.body()).isEqualTo("jdk");
            HttpResponse<String> quote = http.send(HttpRequest.newBuilder(URI.create(base + "/quote?item=tea&timeout=60"))
                    .header("X-Trace-Id", "jar-1").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(quote.statusCode()).isEqualTo(200);
            assertThat(quote.body()).contains("\"traceId\":\"jar-1\"");
        } finally {
            app.destroy(); // SIGTERM: a graceful shutdown
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
            reader.join(10_000);
        }
        List<String> rest = new java.util.ArrayList<>();
        lines.drainTo(rest);
        assertThat(app.exitValue()).as("exit status after SIGTERM; log:\n%s%s", log, String.join("\n", rest))
                .isIn(0, 143);
        assertThat(Files.size(jar)).isPositive();
    }
}
