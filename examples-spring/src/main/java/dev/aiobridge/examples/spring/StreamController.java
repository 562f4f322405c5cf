package dev.aiobridge.examples.spring;

import dev.aiobridge.generator.Generator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A stream backed by a generator: the loop is plain Java, and it runs only as far as the HTTP client
 * reads (WebFlux requests items as the connection can take them, the bridge resumes the generator that
 * many times). A client that goes away cancels the stream: the generator is closed at its yield and its
 * {@code finally} runs.
 */
@RestController
public class StreamController {
    private static final Logger LOG = LoggerFactory.getLogger(StreamController.class);

    /** What one stream did: items produced, and whether its generator has finished (normally or closed). */
    public static final class StreamStats {
        final AtomicLong produced = new AtomicLong();
        final CountDownLatch finished = new CountDownLatch(1);

        /** Items yielded so far. */
        public long produced() {
            return produced.get();
        }

        /** Counted down when the generator's finally block runs. */
        public CountDownLatch finished() {
            return finished;
        }
    }

    /** One item of the stream; {@code pad} makes items bigger, to see backpressure sooner. */
    public record Item(long n, String pad) {
    }

    private final Map<String, StreamStats> streams = new ConcurrentHashMap<>();

    /**
     * {@code count} items (default: no end) of {@code size} padding characters, as NDJSON or SSE. The
     * stream's {@code id} (default: a new one) names its stats at {@code /streams/{id}}.
     */
    // tag::numbers[]
    @GetMapping(path = "/numbers", produces = {MediaType.APPLICATION_NDJSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE})
    public Generator<Item, Object, Void> numbers(@RequestParam(defaultValue = "" + Long.MAX_VALUE) long count,
                                                @RequestParam(defaultValue = "0") int size,
                                                @RequestParam(required = false) String id) {
        StreamStats stats = new StreamStats();
        String name = id != null ? id : Integer.toHexString(System.identityHashCode(stats));
        streams.put(name, stats);
        String pad = "x".repeat(size);
        return Generator.ofVoid(g -> {
            try {
                for (long n = 0; n < count; n++) {
                    stats.produced.incrementAndGet();
                    g.yield(new Item(n, pad));
                }
            } finally {
                LOG.info("stream {} finished after {} items", name, stats.produced.get());
                stats.finished.countDown();
            }
        });
    }
    // end::numbers[]

    /** What stream {@code id} did so far. */
    @GetMapping("/streams/{id}")
    public Map<String, Object> stream(@PathVariable String id) {
        StreamStats stats = stats(id);
        return Map.of("produced", stats.produced(), "finished", stats.finished().getCount() == 0);
    }

    /** The stats of stream {@code id} (404 if there is none). */
    public StreamStats stats(String id) {
        StreamStats stats = streams.get(id);
        if (stats == null) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "no stream " + id);
        }
        return stats;
    }
}
