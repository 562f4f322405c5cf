package dev.aiobridge.examples.spring;

import io.micrometer.context.ContextRegistry;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * A WebFlux service built on aiobridge. bridge-spring's auto-configuration gives it the event loop, its
 * Scheduler, the adapters that let controllers return and take coroutines and generators, and the
 * propagation of the MDC into every step of a task.
 *
 * <pre>
 * mvn -q -Prun -DskipTests package -pl examples-spring -am      # then, in another terminal:
 * curl -N 'localhost:8080/numbers?count=5'                       # NDJSON from a generator
 * curl -N -H 'Accept: text/event-stream' 'localhost:8080/numbers?count=5'
 * curl 'localhost:8080/quote?item=tea'                           # TaskGroup + timeout over two downstream calls
 * curl 'localhost:8080/quote?item=tea&slowStock=true&timeout=0.5'   # 504 after half a second
 * printf 'to be\nor not to be\n' | curl -H 'Content-Type: application/x-ndjson' --data-binary @- localhost:8080/words
 * curl localhost:8080/engine                                     # jdk: the jar's manifest exports it
 * </pre>
 * Every response carries {@code X-Trace-Id} (sent or made up), and every log line of the request shows it.
 */
@SpringBootApplication
public class ExampleApplication {
    /** The MDC key (and Reactor Context key) of the trace id. */
    public static final String TRACE_ID = "traceId";

    // tag::registry[]
    static {
        // The MDC entry as a ThreadLocal that Micrometer's context-propagation knows; Micrometer Tracing
        // registers its own the same way.
        ContextRegistry.getInstance().registerThreadLocalAccessor(TRACE_ID,
                () -> MDC.get(TRACE_ID), id -> MDC.put(TRACE_ID, id), () -> MDC.remove(TRACE_ID));
    }
    // end::registry[]

    /** Runs the service. */
    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }

    // tag::filter[]
    /** The trace id from the {@code X-Trace-Id} header (or a new one): into the Reactor Context and the response. */
    @Bean
    WebFilter traceIdFilter() {
        return (exchange, chain) -> {
            String sent = exchange.getRequest().getHeaders().getFirst("X-Trace-Id");
            String traceId = sent != null ? sent : Long.toHexString(ThreadLocalRandom.current().nextLong());
            exchange.getResponse().getHeaders().set("X-Trace-Id", traceId);
            return chain.filter(exchange).contextWrite(ctx -> ctx.put(TRACE_ID, traceId));
        };
    }
    // end::filter[]
}
