package dev.aiobridge.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.examples.spring.QuoteController.Quote;
import dev.aiobridge.examples.spring.StreamController.Item;
import dev.aiobridge.examples.spring.WordsController.Count;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/** The example service started for real on a random port, each endpoint exercised over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class ExampleServiceTest {
    /** A stream item is 16 KiB: a few hundred fill every buffer between the generator and the client. */
    private static final int ITEM_SIZE = 16 * 1024;
    /** More items than the buffers on the way can hold; a stream without backpressure passes it at once. */
    private static final long BUFFERED_AT_MOST = 2_000;

    @Autowired
    WebTestClient client;

    @Autowired
    StreamController streams;

    @LocalServerPort
    int port;

    private Stream<Item> openStream(String id) {
        return WebClient.create("http://127.0.0.1:" + port).get()
                .uri("/numbers?size=" + ITEM_SIZE + "&id=" + id).accept(MediaType.APPLICATION_NDJSON)
                .retrieve().bodyToFlux(Item.class)
                .toStream(1); // the client asks for one item at a time
    }

    @Test
    void aGeneratorStreamsNdjson() {
        List<Item> items = client.get().uri("/numbers?count=5&id=five").accept(MediaType.APPLICATION_NDJSON)
                .exchange().expectStatus().isOk()
                .returnResult(Item.class).getResponseBody().collectList().block();
        assertThat(items).extracting(Item::n).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(streams.stats("five").finished().getCount()).isZero();
    }

    @Test
    void aGeneratorStreamsServerSentEvents() {
        List<Item> items = client.get().uri("/numbers?count=3").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk()
                .returnResult(Item.class).getResponseBody().collectList().block();
        assertThat(items).extracting(Item::n).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aSlowClientHoldsTheGeneratorBack() throws Exception {
        try (Stream<Item> stream = openStream("slow")) {
            Iterator<Item> items = stream.iterator();
            for (long n = 0; n < 50; n++) {
                assertThat(items.next().n()).isEqualTo(n);
            }
            // The generator's stream has no end: only backpressure from the client keeps it from running on.
            assertThat(streams.stats("slow").produced()).isBetween(50L, 50 + BUFFERED_AT_MOST);
        }
        assertThat(streams.stats("slow").finished().await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aClientThatDisconnectsMidStreamClosesTheGenerator(CapturedOutput output) throws Exception {
        try (Stream<Item> stream = openStream("gone")) {
            assertThat(stream.limit(3).map(Item::n).toList()).containsExactly(0L, 1L, 2L);
        }
        // The connection is closed: the generator is closed at its yield and its finally block runs.
        assertThat(streams.stats("gone").finished().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(streams.stats("gone").produced()).isLessThan(3 + BUFFERED_AT_MOST);
        assertThat(output.getOut()).contains("stream gone finished after");
    }

    @Test
    void aCoroutineOrchestratesTwoDownstreamCallsAndTheTraceIdSurvivesEveryAwait(CapturedOutput output) {
        Quote quote = client.get().uri("/quote?item=tea").header("X-Trace-Id", "trace-q1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Trace-Id", "trace-q1")
                .expectBody(Quote.class).returnResult().getResponseBody();
        assertThat(quote.item()).isEqualTo("tea");
        assertThat(quote.traceId()).isEqualTo("trace-q1");
        assertThat(quote.stock()).isEqualTo(Math.floorMod("tea".hashCode(), 50));
        assertThat(output.getOut()).contains(
                "[trace-q1] QuoteController - quote tea: asking price and stock",
                "[trace-q1] QuoteController - price of tea",
                "[trace-q1] QuoteController - stock of tea",
                "[trace-q1] QuoteController - quote tea: " + quote.stock() + " at " + quote.price());
    }

    @Test
    void aDownstreamCallThatNeverAnswersIsATimeout(CapturedOutput output) {
        client.get().uri("/quote?item=tea&slowStock=true&timeout=0.2").header("X-Trace-Id", "trace-q2").exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(output.getOut()).contains("[trace-q2] QuoteController - stock of tea: taking forever",
                "[trace-q2] QuoteController - quote tea: no answer within 0.2 s, both calls cancelled");
    }

    @Test
    void aRequestBodyIsReadAsAnAsyncIteration() {
        Count count = client.post().uri("/words").header("X-Trace-Id", "trace-w1")
                .contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue("to be\nor not to be\n").exchange()
                .expectStatus().isOk()
                .expectBody(Count.class).returnResult().getResponseBody();
        assertThat(count).isEqualTo(new Count(2, 6, "trace-w1"));
    }

    /** jdk with the export (the default test run), threads where the run asks for it (the second run). */
    @Test
    void theEngineIsTheOneTheJvmWasGiven() {
        client.get().uri("/engine").exchange()
                .expectBody(String.class).isEqualTo(System.getProperty("aiobridge.engine", "jdk"));
    }
}
