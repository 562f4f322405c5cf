package dev.aiobridge.examples;

import dev.aiobridge.reactor.ReactorBridge;
import java.io.PrintStream;
import reactor.core.publisher.Flux;

/**
 * The essay's averager inside Reactor: the same send-driven generator, used as a Flux operator. Each
 * upstream item is sent in; each average it yields back goes downstream.
 */
public final class ReactorAverager implements Example {

    @Override
    public String name() {
        return "reactor-averager";
    }

    @Override
    public String summary() {
        return "the seed's averager as a Flux operator: Flux.just(10, 20, 30).transform(...)";
    }

    @Override
    public void run(PrintStream out) {
        Flux.just(10, 20, 30)
                .map(Integer::doubleValue)
                .transform(ReactorBridge.operator(SeedAverager::averager))
                .doOnNext(out::println)
                .blockLast();
    }
}
