package dev.aiobridge.examples.spring;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.TaskGroup;
import dev.aiobridge.asyncio.Timeout;
import dev.aiobridge.asyncio.TimeoutError;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.reactor.ReactorBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A coroutine orchestrating two downstream calls, as asyncio would: both run at once in a
 * {@link TaskGroup} (one failing cancels the other), the whole under a timeout (which cancels both and
 * answers 504). The downstream services are endpoints of this same application, called over loopback;
 * the trace id travels with them in a header, and every log line on both sides shows it.
 */
@RestController
public class QuoteController {
    private static final Logger LOG = LoggerFactory.getLogger(QuoteController.class);

    /** The answer: a price and a stock level, fetched side by side. */
    public record Quote(String item, double price, int stock, String traceId) {
    }

    private final WebClient client = WebClient.create();

    // tag::quote[]
    /** Price and stock of {@code item}, within {@code timeout} seconds. */
    @GetMapping("/quote")
    public Coroutine<Quote> quote(@RequestParam String item, @RequestParam(defaultValue = "2.0") double timeout,
                                  @RequestParam(defaultValue = "false") boolean slowStock, ServerHttpRequest request) {
        String base = "http://127.0.0.1:" + request.getLocalAddress().getPort() + "/downstream";
        return Coroutine.of(a -> {
            LOG.info("quote {}: asking price and stock", item);
            TaskGroup tg = new TaskGroup();
            Quote quote;
            try {
                quote = Timeout.after(timeout).with(a, () -> tg.with(a, () -> {
                    Task<Double> price = tg.createTask(call(base + "/price?item=" + item, Double.class));
                    Task<Integer> stock = tg.createTask(call(base + "/stock?item=" + item + "&slow=" + slowStock,
                            Integer.class));
                    return new Quote(item, a.await(price), a.await(stock), MDC.get(ExampleApplication.TRACE_ID));
                }));
            } catch (TimeoutError e) {
                LOG.info("quote {}: no answer within {} s, both calls cancelled", item, timeout);
                throw e;
            }
            LOG.info("quote {}: {} at {}", item, quote.stock(), quote.price());
            return quote;
        });
    }
    // end::quote[]

    /** A GET to a downstream service, with the trace id, as a coroutine. */
    private <T> Coroutine<T> call(String uri, Class<T> type) {
        return Coroutine.of(a -> a.await(ReactorBridge.awaitable(client.get().uri(uri)
                .header("X-Trace-Id", MDC.get(ExampleApplication.TRACE_ID))
                .retrieve().bodyToMono(type))));
    }

    /** The downstream price service. */
    @GetMapping("/downstream/price")
    public Coroutine<Double> price(@RequestParam String item) {
        return Coroutine.of(a -> {
            a.await(AsyncIO.sleep(0.01));
            LOG.info("price of {}", item);
            return 1.0 + Math.floorMod(item.hashCode(), 900) / 100.0;
        });
    }

    /** The downstream stock service; {@code slow} never answers (until the caller gives up). */
    @GetMapping("/downstream/stock")
    public Coroutine<Integer> stock(@RequestParam String item, @RequestParam(defaultValue = "false") boolean slow) {
        return Coroutine.of(a -> {
            a.await(AsyncIO.sleep(0.01));
            if (slow) {
                LOG.info("stock of {}: taking forever", item);
                a.await(AsyncIO.getRunningLoop().createFuture());
            }
            LOG.info("stock of {}", item);
            return Math.floorMod(item.hashCode(), 50);
        });
    }

    /** A timeout is a 504. */
    @ExceptionHandler(TimeoutError.class)
    @ResponseStatus(HttpStatus.GATEWAY_TIMEOUT)
    public String timedOut(TimeoutError e) {
        return "the downstream services did not answer in time";
    }
}
