package dev.aiobridge.coroutine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code coro.__await__()} is an iterator any generator may {@code yield from} (CPython's
 * {@code coroutine_wrapper}), and {@code @types.coroutine}'s counterpart, {@link GeneratorCoroutine}: a
 * generator that coroutines can await and that can delegate to native coroutines.
 */
class GeneratorCoroutineRulesTest {

    private static <T> T run(Coroutine<T> main) {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {
            return runner.run(main);
        }
    }

    /** An awaitable whose await yields {@code "tick"} and returns what is sent back. */
    private static final Awaitable<Object> TICK = () -> Generator.of(g -> g.yield("tick"));

    @Test
    void aPlainGeneratorMayYieldFromACoroutinesAwaitIterator() {
        Coroutine<String> coro = Coroutine.of(a -> "got " + a.await(TICK));
        Generator<Object, Object, String> plain = Generator.of(g -> "returned " + g.yieldFrom(coro.awaitGenerator()));
        assertThat(plain.next()).isEqualTo("tick");
        assertThatThrownBy(() -> plain.send("v"))
                .isInstanceOfSatisfying(StopIteration.class, e -> assertThat(e.value()).isEqualTo("returned got v"));
    }

    @Test
    void throwAndCloseReachTheCoroutineThroughTheAwaitIterator() {
        List<String> log = new ArrayList<>();
        Coroutine<Void> coro = Coroutine.ofVoid(a -> {
            try {
                a.await(TICK);
            } catch (IllegalArgumentException e) {
                log.add("caught " + e.getMessage());
                a.await(TICK);
            } finally {
                log.add("finally");
            }
        });
        Generator<Object, Object, Void> plain = Generator.ofVoid(g -> g.yieldFrom(coro.awaitGenerator()));
        assertThat(plain.next()).isEqualTo("tick");
        assertThat(plain.throwIn(new IllegalArgumentException("x"))).isEqualTo("tick");
        plain.close();
        assertThat(log).containsExactly("caught x", "finally");
        assertThat(coro.state()).hasToString("CLOSED");
    }

    @Test
    void aCoroutineAwaitsAGeneratorCoroutineThatYieldsALoopTurn() {
        List<String> log = new ArrayList<>();
        String result = run(Coroutine.of(a -> {
            GeneratorCoroutine<String> turn = GeneratorCoroutine.of(g -> {
                log.add("turn: before yield");
                g.yield(null); // asyncio's sleep(0): one turn of the loop
                log.add("turn: after yield");
                return "turned";
            });
            Task<Void> other = AsyncIO.createTask(Coroutine.ofVoid(b -> log.add("other task ran")));
            String r = a.await(turn);
            a.await(other);
            return r;
        }));
        assertThat(result).isEqualTo("turned");
        assertThat(log).containsExactly("turn: before yield", "other task ran", "turn: after yield");
    }

    @Test
    void aGeneratorCoroutineDelegatesToNativeCoroutines() {
        String result = run(Coroutine.of(a -> {
            Future<String> fut = AsyncIO.getRunningLoop().createFuture();
            AsyncIO.getRunningLoop().callLater(1, () -> fut.setResult("late"));
            Coroutine<String> nativeCoro = Coroutine.of(b -> {
                b.await(AsyncIO.sleep(0.5));
                return "native " + b.await(fut);
            });
            GeneratorCoroutine<String> based = GeneratorCoroutine.of(g -> {
                String first = g.yieldFrom(nativeCoro);          // yield from coro
                String second = g.yieldFrom(AsyncIO.sleep(0, "inline")); // an inline coroutine
                return first + ", " + second;
            });
            return a.await(based);
        }));
        assertThat(result).isEqualTo("native late, inline");
    }

    @Test
    void aPlainGeneratorMayYieldFromAGeneratorCoroutine() {
        GeneratorCoroutine<String> based = GeneratorCoroutine.of(g -> "sent " + g.yield("one"));
        Generator<Object, Object, String> plain = Generator.of(g -> g.yieldFrom(based.generator()));
        assertThat(plain.next()).isEqualTo("one");
        assertThatThrownBy(() -> plain.send("x"))
                .isInstanceOfSatisfying(StopIteration.class, e -> assertThat(e.value()).isEqualTo("sent x"));
    }

    @Test
    void cancellingTheTaskRaisesInsideTheGeneratorCoroutine() {
        List<String> log = new ArrayList<>();
        run(Coroutine.ofVoid(a -> {
            Future<String> never = AsyncIO.getRunningLoop().createFuture();
            GeneratorCoroutine<String> based = GeneratorCoroutine.of(g -> {
                try {
                    return g.yieldFrom(never.awaitGenerator());
                } catch (CancelledError e) {
                    log.add("cancelled inside");
                    throw e;
                }
            });
            Task<String> t = AsyncIO.createTask(Coroutine.of(b -> b.await(based)));
            a.await(AsyncIO.sleep(0));
            t.cancel();
            assertThatThrownBy(() -> a.await(t)).isInstanceOf(CancelledError.class);
            assertThat(never.isCancelled()).isTrue();
        }));
        assertThat(log).containsExactly("cancelled inside");
    }

    @Test
    void awaitingAFinishedGeneratorCoroutineReturnsNullAtOnce() {
        run(Coroutine.ofVoid(a -> {
            GeneratorCoroutine<String> based = GeneratorCoroutine.of(g -> "once");
            assertThat(a.await(based)).isEqualTo("once");
            assertThat(a.await(based)).as("an exhausted generator, as in CPython").isNull();
        }));
    }
}
