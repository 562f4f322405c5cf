package dev.aiobridge.examples;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.reactor.ReactorBridge;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * Backpressure from a plain generator loop: the producer below is an endless {@code for} loop with a
 * {@code yield}, and yet it produces only what the subscriber requests. Between requests it sits
 * suspended at its yield (no buffer, no thread); cancelling closes it and its finally block runs.
 */
public final class SlowConsumer implements Example {

    @Override
    public String name() {
        return "backpressure";
    }

    @Override
    public String summary() {
        return "an endless generator loop as a Flux, consumed slowly: it runs only as far as demand allows";
    }

    @Override
    public String input() {
        return "an endless generator of sensor readings; the subscriber requests 2, then 3, then cancels";
    }

    // tag::sensor[]
    /** An endless sensor: logs every reading it produces. */
    static Generator<Integer, Object, Void> sensor(PrintStream out) {
        return Generator.ofVoid(g -> {
            try {
                for (int reading = 0; ; reading++) {
                    out.println("    generator: producing reading " + reading);
                    g.yield(reading * 10);
                }
            } finally {
                out.println("    generator: closed (finally ran)");
            }
        });
    }
    // end::sensor[]

    @Override
    public void run(PrintStream out) {
        // tag::subscriber[]
        Flux<Integer> readings = ReactorBridge.flux(() -> sensor(out));
        List<Integer> got = new ArrayList<>();
        readings.subscribe(new BaseSubscriber<Integer>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                out.println("  subscriber: subscribed; requesting 2 (nothing runs before that)");
                request(2);
            }

            @Override
            protected void hookOnNext(Integer value) {
                got.add(value);
                out.println("  subscriber: got " + value);
                if (got.size() == 2) {
                    out.println("  subscriber: busy... the generator waits at its yield; now requesting 3");
                    request(3);
                } else if (got.size() == 5) {
                    out.println("  subscriber: had enough, cancelling");
                    cancel();
                }
            }
        });
        // end::subscriber[]
        out.println("  received " + got + "; the endless loop produced exactly what was asked");
    }
}
