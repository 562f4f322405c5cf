package dev.aiobridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The seed demos print exactly what CPython printed; every example of the tour runs. */
class ExamplesTest {

    private static byte[] output(Example example) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            example.run(out);
        }
        return bytes.toByteArray();
    }

    private static byte[] expected(String file) throws IOException {
        try (InputStream in = ExamplesTest.class.getResourceAsStream("/seed-demos/" + file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void seedAveragerMatchesCPythonByteForByte() throws Exception {
        assertThat(new String(output(Tour.find("seed-averager")), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected("averager.expected.txt"), StandardCharsets.UTF_8));
        assertThat(output(Tour.find("seed-averager"))).isEqualTo(expected("averager.expected.txt"));
    }

    @Test
    void seedDelegationMatchesCPythonByteForByte() throws Exception {
        assertThat(new String(output(Tour.find("seed-delegation")), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected("delegation.expected.txt"), StandardCharsets.UTF_8));
        assertThat(output(Tour.find("seed-delegation"))).isEqualTo(expected("delegation.expected.txt"));
    }

    @Test
    void thePipelineFiltersLazilyAndHandsOnTheReturnValue() throws Exception {
        String text = new String(output(Tour.find("pipeline")), StandardCharsets.UTF_8);
        assertThat(text).contains("malformed lines skipped: 1");
        // lazy: the slow request is printed right after its line was read, before the next line
        assertThat(text.indexOf("slow   GET    /api/orders"))
                .isLessThan(text.indexOf("read   POST /api/orders 201 95"));
        assertThat(text).contains("running average   733.3 ms");
    }

    @Test
    void theWalkthroughShowsTheCallbackChainInOrder() throws Exception {
        String text = new String(output(Tour.find("coroutine-walkthrough")), StandardCharsets.UTF_8);
        assertThat(text).containsSubsequence(
                "step: coro.send(None)",
                "step: the coroutine yielded a pending future; add_done_callback(wakeup)",
                "completing the first future (its callbacks are scheduled, not run)",
                "wakeup: called by the loop",
                "step: coro.send(None)",
                "step: StopIteration, the result is 'a+b'",
                "task result: 'c+d'");
    }

    @Test
    void theSocketEchoEchoesEveryLine() throws Exception {
        String text = new String(output(Tour.find("socket-echo")), StandardCharsets.UTF_8);
        assertThat(text).contains("got back 'asyncio on the JVM'").contains("server echoed 26 bytes in all");
    }

    @Test
    @Timeout(60)
    void theStreamsEchoServerEchoesEachLineAndClosesAfterTheClient() throws Exception {
        assertThat(new String(output(Tour.find("streams-echo")), StandardCharsets.UTF_8)).isEqualTo("""
                  client: sent 'hello', got back 'hello'
                  client: sent 'asyncio streams on the JVM', got back 'asyncio streams on the JVM'
                  client: sent 'bye', got back 'bye'
                  server: the client closed its side after 3 lines; closing ours
                  client: the server closed the connection (0 more bytes)
                  server closed
                """);
    }

    /** The same lines as the Python version in docs/networking.md prints (CPython 3.13). */
    @Test
    @Timeout(60)
    void theChatServerBroadcastsJoinsLinesAndLeavesToTheOthers() throws Exception {
        assertThat(new String(output(Tour.find("chat")), StandardCharsets.UTF_8)).isEqualTo("""
                  ada hears: welcome ada: 1 here
                  bob hears: welcome bob: 2 here
                  ada hears: * bob joined
                  cy hears: welcome cy: 3 here
                  ada hears: * cy joined
                  bob hears: * cy joined
                  bob hears: <ada> hello everyone
                  cy hears: <ada> hello everyone
                  ada hears: <bob> hi ada
                  cy hears: <bob> hi ada
                  ada hears: <cy> hey both
                  bob hears: <cy> hey both
                  bob hears: * ada left
                  cy hears: * ada left
                  cy hears: * bob left
                  server: closed after relaying 3 lines; 0 still in the room
                """);
    }

    @Test
    @Timeout(60)
    void theTlsEchoChecksTheCertificateAndAClientWithoutTheTrustIsRefused() throws Exception {
        String text = new String(output(Tour.find("tls-echo")), StandardCharsets.UTF_8);
        assertThat(text).containsPattern("client: TLSv1\\.[23] with CN=localhost, checked as 'localhost'; "
                + "can write EOF: false\n");
        assertThat(text).containsSubsequence(
                "client: sent 'hello over TLS', got back 'hello over TLS'",
                "client: sent 'bye', got back 'bye'",
                "server: the client closed its side after 2 lines; closing ours",
                "default client: refused, verify code 18: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
                        + "failed: self-signed certificate",
                "server closed");
    }

    @Test
    void theCrawlerNeverHasMoreThanThreeFetchesInFlight() throws Exception {
        String text = new String(output(Tour.find("crawler")), StandardCharsets.UTF_8);
        assertThat(text).contains("crawled 8 pages with 8 fetches in 1.4 s of loop time; at most 3 in flight");
        assertThat(text).doesNotContain("(4 in flight)");
    }

    @Test
    void theProducerIsHeldBackByTheBoundAndTheConsumersStopAtShutdown() throws Exception {
        String text = new String(output(Tour.find("producer-consumer")), StandardCharsets.UTF_8);
        assertThat(text).containsSubsequence("queued job 4", "c1: finished job 1", "queued job 5");
        assertThat(text).contains("c1: queue shut down", "c2: queue shut down", "consumers processed 6 jobs");
    }

    @Test
    void theAsyncGeneratorStopsEarlyAndCleansUpWithAnAwait() throws Exception {
        String text = new String(output(Tour.find("async-generator")), StandardCharsets.UTF_8);
        assertThat(text).containsSubsequence("got item 1.1", "heartbeat", "got item 3.1", "generator: closed early",
                "0.35s generator: cursor released");
        assertThat(text).doesNotContain("item 3.2");
    }

    @Test
    void theSeedAveragerRunsAsAFluxOperator() throws Exception {
        assertThat(new String(output(Tour.find("reactor-averager")), StandardCharsets.UTF_8))
                .isEqualTo("sent 10.0 -> average 10.0\nsent 20.0 -> average 15.0\nsent 30.0 -> average 20.0\n");
    }

    @Test
    void theEndlessGeneratorProducesOnlyWhatWasRequested() throws Exception {
        String text = new String(output(Tour.find("backpressure")), StandardCharsets.UTF_8);
        assertThat(text).contains("producing reading 4").doesNotContain("producing reading 5")
                .containsSubsequence("got 10", "now requesting 3", "producing reading 2", "closed (finally ran)");
    }

    @Test
    void aSlowSubscriberOfAConnectionsBytesBoundsTheReceiver() throws Exception {
        String text = new String(output(Tour.find("byte-flux")), StandardCharsets.UTF_8);
        assertThat(text).contains("received 32768 KiB, in chunks of at most 64 KiB",
                "the reader never held more than 384 KiB (2 x limit + one socket read): yes",
                "server: closed once its connection ended");
    }

    @Test
    void coroutinesComposeAsMonos() throws Exception {
        String text = new String(output(Tour.find("coroutine-mono")), StandardCharsets.UTF_8);
        assertThat(text).contains("zipped: coffee=7.5, croissant=11.25, items=55",
                "with a timeout: timed out: the task was cancelled");
    }

    @Test
    void everyExampleOfTheTourRuns() throws Exception {
        assertThat(Tour.EXAMPLES).isNotEmpty();
        for (Example e : Tour.EXAMPLES) {
            assertThat(output(e)).as(e.name()).isNotEmpty();
            assertThat(Tour.find(e.name())).isSameAs(e);
        }
    }

    @Test
    void theTourFramesEveryExampleInEnglishAndKeepsTheDemosOutputIntact() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            assertThat(Tour.run("", out)).isTrue();
        }
        String tour = bytes.toString(StandardCharsets.UTF_8);
        for (Example e : Tour.EXAMPLES) {
            assertThat(tour).contains("== " + e.name() + "\n   shows:  " + e.summary() + "\n");
            assertThat(tour).contains("   source: " + e.source() + "\n");
            assertThat(java.nio.file.Path.of("..").resolve(e.source())).as(e.name() + "'s source").exists();
        }
        assertThat(Tour.find("seed-averager").input()).contains("send(10.0)");
        assertThat(tour).contains("20.0\n  | send(10.0) -> 10.0\n  | send(20.0) -> 15.0\n  | send(30.0) -> 20.0\n");
        // the Korean demo's own output, byte for byte, then its English gloss
        assertThat(tour).contains(new String(expected("delegation.expected.txt"), StandardCharsets.UTF_8)
                + "  | English gloss: [호출자] the caller");
    }

    @Test
    void theListAlignsTheSummariesWhateverTheNameLength() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Tour.run("--list", out);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(Tour.EXAMPLES.size());
        java.util.Set<Integer> columns = new java.util.HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            columns.add(lines[i].indexOf(Tour.EXAMPLES.get(i).summary()));
        }
        assertThat(columns).hasSize(1).doesNotContain(-1);
    }
}
