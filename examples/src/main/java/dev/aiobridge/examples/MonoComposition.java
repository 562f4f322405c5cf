package dev.aiobridge.examples;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.reactor.ReactorBridge;
import java.io.PrintStream;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Coroutines and Reactor together: a coroutine on an event loop becomes a Mono composed with ordinary
 * Reactor operators (zip, map, timeout), and the coroutine itself awaits a Mono and iterates a Flux.
 */
public final class MonoComposition implements Example {

    @Override
    public String name() {
        return "coroutine-mono";
    }

    @Override
    public String summary() {
        return "coroutines as Monos composed with Reactor operators, awaiting a Mono and iterating a Flux inside";
    }

    @Override
    public String input() {
        return "two price coroutines and a Flux.range(1, 10) sum, zipped; then a coroutine slower than its timeout";
    }

    // tag::price[]
    /** A "service call": awaits a Mono (as a WebClient call would be), then sleeps on the loop. */
    static Coroutine<String> price(String item) {
        return Coroutine.of("price " + item, a -> {
            int cents = a.await(ReactorBridge.awaitable(Mono.just(item.length() * 125).delayElement(Duration.ofMillis(5))));
            a.await(AsyncIO.sleep(0.01));
            return item + "=" + cents / 100.0;
        });
    }
    // end::price[]

    // tag::total[]
    /** Iterates a Flux with bounded prefetch and sums it. */
    static Coroutine<Integer> total() {
        return Coroutine.of("total", a -> {
            int sum = 0;
            try (var quantities = ReactorBridge.iterate(Flux.range(1, 10), 4)) {
                for (int q : a.iterate(quantities)) {
                    sum += q;
                }
            }
            return sum;
        });
    }
    // end::total[]

    @Override
    public void run(PrintStream out) {
        // tag::zip[]
        try (EventLoopThread loopThread = EventLoopThread.start("example-loop")) {
            var loop = loopThread.getLoop();
            String quote = Mono.zip(
                            ReactorBridge.mono(loop, () -> price("coffee")),
                            ReactorBridge.mono(loop, () -> price("croissant")),
                            ReactorBridge.mono(loop, MonoComposition::total))
                    .map(t -> t.getT1() + ", " + t.getT2() + ", items=" + t.getT3())
                    .timeout(Duration.ofSeconds(5))
                    .block();
        // end::zip[]
            out.println("  zipped: " + quote);
            // tag::timeout[]
            String late = ReactorBridge.mono(loop, () -> Coroutine.of(a -> a.await(AsyncIO.sleep(10, "too late"))))
                    .timeout(Duration.ofMillis(20))
                    .onErrorReturn("timed out: the task was cancelled")
                    .block();
            // end::timeout[]
            out.println("  with a timeout: " + late);
        }
    }
}
