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
    public String input() {
        return "Flux.just(10, 20, 30) as doubles, each sent into the averager generator used as an operator";
    }

    @Override
    public void run(PrintStream out) {
        // tag::operator[]
        Flux<Double> terms = Flux.just(10, 20, 30).map(Integer::doubleValue);
        Flux<Double> averages = terms.transform(ReactorBridge.operator(SeedAverager::averager));
        // end::operator[]
        // each term sent in, beside the average the generator yielded back for it
        Flux.zip(terms, averages)
                .doOnNext(pair -> out.println("sent " + pair.getT1() + " -> average " + pair.getT2()))
                .blockLast();
    }
}
