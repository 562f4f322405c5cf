package dev.aiobridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.reactor.ReactorBridge;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The README's taste of the API, compiled and run, so it stays true. */
class ReadmeTasteTest {

    // tag::generator[]
    // A generator: term = (yield average), a two-way channel (the essay's averager)
    static Generator<Double, Double, Void> averager() {
        return Generator.ofVoid(g -> {
            double total = 0; int count = 0; Double average = null;
            while (true) {
                double term = g.yield(average);
                total += term; count++; average = total / count;
            }
        });
    }
    // end::generator[]

    @Test
    void theReadmeTaste() {
        // tag::drive[]
        var avg = averager();
        avg.next();                                   // prime: run to the first yield
        // end::drive[]
        assertThat(avg.send(10.0)).isEqualTo(10.0);

        // tag::coroutine[]
        // Coroutines, tasks and the loop, as asyncio (await is yield from a Future's await generator)
        String greeting = AsyncIO.run(Coroutine.of(a -> {
            Task<String> world = AsyncIO.createTask(Coroutine.of(b -> b.await(AsyncIO.sleep(0.1, "world"))));
            return "hello " + a.await(AsyncIO.waitFor(world, 1.0));
        }));
        // end::coroutine[]
        assertThat(greeting).isEqualTo("hello world");

        // tag::flux[]
        // Reactor: a generator loop is a backpressured Flux; a send-driven generator is an operator
        Flux<Integer> numbers = ReactorBridge.flux(() -> Generator.<Integer, Object>ofVoid(g -> {
            for (int i = 0; ; i++) g.yield(i);        // runs only as far as subscribers request
        }));
        Flux<Double> averages = Flux.just(10.0, 20.0, 30.0).transform(ReactorBridge.operator(ReadmeTasteTest::averager));
        // end::flux[]
        assertThat(numbers.take(3).collectList().block()).containsExactly(0, 1, 2);
        assertThat(averages.collectList().block()).containsExactly(10.0, 15.0, 20.0);
    }
}
