package dev.aiobridge.spring;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.context.ContextVar;
import dev.aiobridge.context.Token;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import io.micrometer.context.ContextRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A WebFlux application whose controller returns and takes aiobridge's types. */
@SpringBootApplication
public class TestApplication {
    static final String TRACE_ID = "traceId";
    /** A context variable fed from the Reactor Context key "user" by the WebFilter. */
    static final ContextVar<String> USER = ContextVar.of("user");

    static {
        // The MDC's trace id as a ThreadLocal that context-propagation knows (Micrometer Tracing does the same).
        ContextRegistry.getInstance().registerThreadLocalAccessor(TRACE_ID,
                () -> MDC.get(TRACE_ID), v -> MDC.put(TRACE_ID, v), () -> MDC.remove(TRACE_ID));
        ContextVarAccessor.register(USER);
    }

    /** The trace id from the X-Trace-Id header, in the Reactor Context (as a tracing filter would put it). */
    @Bean
    WebFilter traceFilter() {
        return (exchange, chain) -> {
            String trace = exchange.getRequest().getHeaders().getFirst("X-Trace-Id");
            String user = exchange.getRequest().getHeaders().getFirst("X-User");
            return chain.filter(exchange).contextWrite(ctx -> {
                ctx = trace != null ? ctx.put(TRACE_ID, trace) : ctx;
                return user != null ? ctx.put("user", user) : ctx;
            });
        };
    }

    /**
     * For a request with X-Captured: the MDC trace id and {@link #USER} set as ThreadLocals on the thread
     * that subscribes to the rest of the chain (as imperative code upstream of a Reactor chain leaves
     * them), and taken into the Reactor Context by {@code contextCapture()}, which reads every accessor
     * registered with context-propagation: the MDC's and {@link ContextVarAccessor}'s. The rest of the
     * chain is subscribed on another thread ({@code subscribeOn}), where neither is set: the values reach
     * the coroutine only through the Reactor Context.
     */
    @Bean
    WebFilter threadLocalsFilter() {
        return (exchange, chain) -> {
            String id = exchange.getRequest().getHeaders().getFirst("X-Captured");
            if (id == null) {
                return chain.filter(exchange);
            }
            Mono<Void> captured = chain.filter(exchange).subscribeOn(Schedulers.parallel()).contextCapture();
            return Mono.fromDirect(subscriber -> {
                MDC.put(TRACE_ID, id);
                Token<String> user = USER.set("user-" + id);
                try {
                    captured.subscribe(subscriber);
                } finally {
                    USER.reset(user);
                    MDC.remove(TRACE_ID);
                }
            });
        };
    }

    @RestController
    static class Endpoints {
        private static final Log LOG = LogFactory.getLog(Endpoints.class);
        private final EventLoop loop;

        Endpoints(EventLoop loop) {
            this.loop = loop;
        }

        @GetMapping("/coroutine")
        Coroutine<String> coroutine(@RequestParam String name) {
            return Coroutine.of(a -> {
                a.await(AsyncIO.sleep(0.01));
                // The body's own thread of control is the loop's on both engines (on the threads engine it
                // is a virtual thread standing in for the loop thread, so the thread's name differs).
                return "hello " + name + (AsyncIO.getRunningLoop().inLoopThread() ? " on the loop" : " off the loop");
            });
        }

        /** Logs after each await; returns the MDC trace id seen at every step. */
        @GetMapping("/traced")
        Coroutine<List<String>> traced() {
            return Coroutine.of(a -> {
                List<String> seen = new ArrayList<>();
                seen.add(MDC.get(TRACE_ID));
                LOG.info("traced step 1");
                a.await(AsyncIO.sleep(0));
                seen.add(MDC.get(TRACE_ID));
                LOG.info("traced step 2");
                a.await(AsyncIO.sleep(0.02));
                seen.add(MDC.get(TRACE_ID));
                LOG.info("traced step 3");
                Task<String> child = AsyncIO.createTask(Coroutine.of(b -> {
                    b.await(AsyncIO.sleep(0.01));
                    LOG.info("traced child");
                    return MDC.get(TRACE_ID);
                }));
                seen.add(a.await(child));
                seen.add(MDC.get(TRACE_ID));
                LOG.info("traced step 4");
                return seen;
            });
        }

        /**
         * Logs the MDC trace id (in the log pattern) and {@link #USER} after awaits, sleeps and in a child
         * task; returns "traceId/user" as seen at every step.
         */
        @GetMapping("/captured")
        Coroutine<List<String>> captured() {
            return Coroutine.of(a -> {
                List<String> seen = new ArrayList<>();
                for (int step = 1; step <= 3; step++) {
                    a.await(AsyncIO.sleep(step == 1 ? 0 : 0.01 * step));
                    seen.add(MDC.get(TRACE_ID) + "/" + USER.get(null));
                    LOG.info("captured step " + step + " user=" + USER.get(null));
                }
                Task<String> child = AsyncIO.createTask(Coroutine.of(b -> {
                    b.await(AsyncIO.sleep(0.01));
                    b.await(AsyncIO.sleep(0));
                    LOG.info("captured child user=" + USER.get(null));
                    return MDC.get(TRACE_ID) + "/" + USER.get(null);
                }));
                seen.add(a.await(AsyncIO.waitFor(child, 10.0)));
                seen.add(MDC.get(TRACE_ID) + "/" + USER.get(null));
                LOG.info("captured step 4 user=" + USER.get(null));
                return seen;
            });
        }

        @GetMapping("/user")
        Coroutine<String> user() {
            return Coroutine.of(a -> {
                a.await(AsyncIO.sleep(0.01));
                return USER.get("nobody");
            });
        }

        /** A future already running (non-deferred): completed by the loop. */
        @GetMapping("/future")
        Future<String> future() {
            Future<String> f = new Future<>(loop);
            loop.callSoonThreadsafe(() -> f.setResult("done on " + Thread.currentThread().getName()));
            return f;
        }

        @GetMapping(path = "/numbers", produces = MediaType.APPLICATION_NDJSON_VALUE)
        Generator<Integer, Object, Void> numbers(@RequestParam int count) {
            return Generator.ofVoid(g -> {
                for (int i = 0; i < count; i++) {
                    g.yield(i);
                }
            });
        }

        @GetMapping(path = "/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        AsyncGenerator<String> ticks(@RequestParam int count) {
            return AsyncGenerator.of(y -> {
                for (int i = 0; i < count; i++) {
                    y.await(AsyncIO.sleep(0.001));
                    y.yield("tick " + i);
                }
            });
        }

        /** The request body (NDJSON numbers) read as an async iteration. */
        @PostMapping(path = "/sum", consumes = MediaType.APPLICATION_NDJSON_VALUE)
        Coroutine<Integer> sum(@RequestBody AsyncGenerator<Integer> numbers) {
            return Coroutine.of(a -> {
                int total = 0;
                for (int n : a.iterate(numbers)) {
                    total += n;
                }
                return total;
            });
        }

        /** The request body as a coroutine to await. */
        @PostMapping(path = "/shout", consumes = MediaType.TEXT_PLAIN_VALUE)
        Coroutine<String> shout(@RequestBody Coroutine<String> body) {
            return Coroutine.of(a -> a.await(body).toUpperCase(java.util.Locale.ROOT));
        }
    }
}
