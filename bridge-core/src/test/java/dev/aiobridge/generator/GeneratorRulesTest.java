package dev.aiobridge.generator;

import dev.aiobridge.builtins.StopIteration;
import dev.aiobridge.builtins.GeneratorExit;
import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.builtins.RuntimeError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The generator rules the CPython traces do not pin, and the Java-side views. Runs on both engines. */
class GeneratorRulesTest {

    @Test
    void theEngineIsTheOneThisTestRunAskedFor() {
        String expected = System.getProperty("aiobridge.expectEngine");
        assertThat(expected).as("surefire sets aiobridge.expectEngine").isNotNull();
        assertThat(Generator.engine()).isEqualTo(expected);
    }

    @Test
    void resumingFromAnotherThreadWhileRunningIsRefusedAndNothingIsCorrupted() throws Exception {
        CountDownLatch inBody = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
            int i = 0;
            while (true) {
                if (i == 1) {
                    inBody.countDown();
                    release.await();
                }
                y.yield(i++);
            }
        });
        assertThat(g.next()).isEqualTo(0);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> running = pool.submit(g::next);
            assertThat(inBody.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(g.state()).isEqualTo(GeneratorState.RUNNING);
            assertThatThrownBy(g::next).isInstanceOf(ValueError.class)
                    .hasMessage("generator already executing");
            assertThatThrownBy(() -> g.send(5)).hasMessage("generator already executing");
            assertThatThrownBy(() -> g.throwIn(new RuntimeException())).hasMessage("generator already executing");
            assertThatThrownBy(g::close).hasMessage("generator already executing");
            release.countDown();
            assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(g.next()).isEqualTo(2);
        g.close();
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
    }

    @Test
    void aGeneratorMayBeResumedFromOneThreadAfterAnother() throws Exception {
        Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
            for (int i = 0; ; i++) {
                y.yield(i);
            }
        });
        assertThat(g.next()).isZero();
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread th = new Thread(() -> seen.add(g.next()));
            th.start();
            th.join();
        }
        assertThat(seen).as("each thread continues where the last one left it").containsExactly(1, 2, 3, 4);
        g.close();
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
    }

    @Test
    void aYieldScopeWorksOnlyInsideItsOwnRunningBody() {
        AtomicReference<Yielder<Integer, Object>> leaked = new AtomicReference<>();
        Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
            leaked.set(y);
            y.yield(1);
        });
        g.next();
        assertThatThrownBy(() -> leaked.get().yield(2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("yield outside the running body");

        // the outer scope used from inside an inner generator's body
        Generator<Integer, Object, Void> outer = Generator.ofVoid(y -> {
            Generator<Integer, Object, Void> inner = Generator.ofVoid(z -> {
                y.yield(99); // wrong scope
            });
            try {
                inner.next();
            } catch (IllegalStateException e) {
                y.yield(-1);
            }
        });
        assertThat(outer.next()).isEqualTo(-1);
    }

    @Test
    void checkedExceptionsReachTheCallerAsTheSameObject() {
        IOException boom = new IOException("disk");
        Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
            y.yield(1);
            throw boom;
        });
        g.next();
        assertThatThrownBy(g::next).isSameAs(boom);
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
    }

    @Test
    void returnValueIsKeptAfterTheEnd() {
        Generator<Integer, Object, String> g = Generator.of(y -> {
            y.yield(1);
            return "r";
        });
        assertThatThrownBy(g::returnValue).isInstanceOf(IllegalStateException.class);
        g.next();
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class)
                .satisfies(e -> assertThat(((StopIteration) e).<String>valueAs()).isEqualTo("r"));
        assertThat(g.returnValue()).isEqualTo("r");
    }

    @Test
    void closeReturnsTheValueReturnedInResponse() {
        Generator<Integer, Object, Integer> g = Generator.of(y -> {
            try {
                y.yield(1);
            } catch (GeneratorExit e) {
                return 99;
            }
            return 0;
        });
        g.next();
        assertThat(g.close()).isEqualTo(99);
        assertThat(g.returnValue()).isEqualTo(99);
        assertThat(g.close()).isNull();
    }

    @Test
    void iteratorAndStreamViews() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
            try {
                for (int i = 0; ; i++) {
                    y.yield(i);
                }
            } finally {
                log.add("finally");
            }
        });
        try (Stream<Integer> s = g.stream()) {
            assertThat(s.limit(3).toList()).containsExactly(0, 1, 2);
        }
        assertThat(log).containsExactly("finally");
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);

        List<Integer> all = new ArrayList<>();
        for (int v : Generator.<Integer, Object>ofVoid(y -> y.yieldFrom(List.of(1, 2, 3)))) {
            all.add(v);
        }
        assertThat(all).containsExactly(1, 2, 3);
    }

    @Test
    void deepInlineDelegationPassesEverythingThrough() {
        int depth = 500;
        Generator<Integer, Integer, Integer> g = Generator.of(y -> {
            int sum = 0;
            while (true) {
                Integer v = y.yield(sum);
                if (v == null) {
                    return sum;
                }
                sum += v;
            }
        });
        for (int i = 0; i < depth; i++) {
            Generator<Integer, Integer, Integer> sub = g;
            g = Generator.of(y -> y.yieldFrom(sub) + 1);
        }
        assertThat(g.next()).isEqualTo(0);
        assertThat(g.send(5)).isEqualTo(5);
        assertThat(g.send(6)).isEqualTo(11);
        Generator<Integer, Integer, Integer> top = g;
        assertThatThrownBy(() -> top.send(null)).isInstanceOf(StopIteration.class)
                .satisfies(e -> assertThat(((StopIteration) e).value()).isEqualTo(11 + depth));
    }

    @Test
    void yieldFromItselfIsAlreadyExecuting() {
        AtomicReference<Generator<Integer, Object, Void>> self = new AtomicReference<>();
        Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
            y.yield(1);
            y.yieldFrom(self.get());
        });
        self.set(g);
        g.next();
        assertThatThrownBy(g::next).isInstanceOf(ValueError.class)
                .hasMessage("generator already executing");
    }

    @Test
    void anInlineSubThatYieldsDuringCloseLeavesTheChainSuspended() {
        // Documented departure: CPython would raise the RuntimeError inside the delegator; an inline sub
        // shares its delegator's continuation, so the whole chain stays suspended instead.
        Generator<String, Object, Void> stubborn = Generator.ofVoid(y -> {
            try {
                y.yield("a");
            } catch (GeneratorExit e) {
                y.yield("b");
            }
        });
        Generator<String, Object, Void> outer = Generator.ofVoid(y -> y.yieldFrom(stubborn));
        outer.next();
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class)
                .hasMessage("generator ignored GeneratorExit");
        assertThat(outer.state()).isEqualTo(GeneratorState.SUSPENDED);
        assertThat(stubborn.state()).isEqualTo(GeneratorState.SUSPENDED);
        assertThatThrownBy(outer::next).isInstanceOf(StopIteration.class);
        assertThat(stubborn.state()).isEqualTo(GeneratorState.CLOSED);
    }

    @Test
    void manyGeneratorsRunToTheEnd() {
        long total = 0;
        for (int n = 0; n < 2_000; n++) {
            Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
                for (int i = 0; i < 3; i++) {
                    y.yield(i);
                }
            });
            for (int v : g) {
                total += v;
            }
        }
        assertThat(total).isEqualTo(2_000L * 3);
    }
}
