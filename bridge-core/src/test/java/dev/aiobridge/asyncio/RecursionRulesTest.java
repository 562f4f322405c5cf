package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.RecursionError;
import dev.aiobridge.builtins.StopIteration;
import dev.aiobridge.internal.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One task cannot take the loop down: a chain of awaits or {@code yieldFrom}s deeper than the recursion
 * limit, or a body whose own Java recursion overflows the stack, ends with a {@link RecursionError} in
 * that task (CPython's RecursionError) while the loop and the other tasks go on; and the usable depth
 * reaches CPython's default limit (1000) at the JVM's default stack size, on both engines.
 */
class RecursionRulesTest {
    private static final int LIMIT = 1000;

    private static Coroutine<Integer> awaitChain(int n) {
        return Coroutine.of("nest", a -> n == 0 ? 0 : a.await(awaitChain(n - 1)) + 1);
    }

    private static Generator<Integer, Object, Integer> yieldFromChain(int n) {
        return Generator.of(g -> {
            if (n == 0) {
                g.yield(-1);
                return 0;
            }
            return g.yieldFrom(yieldFromChain(n - 1)) + 1;
        });
    }

    private static int recurse(int n) {
        return n == Integer.MAX_VALUE ? n : recurse(n + 1) + 1;
    }

    @Test
    void awaitChainsAsDeepAsTheLimitRunAndOneLevelMoreIsARecursionError() {
        long fibers = Engine.liveFibers();
        List<String> log = new ArrayList<>();
        Integer deepest = AsyncIO.run(Coroutine.of(a -> {
            Task<Integer> sibling = AsyncIO.createTask(Coroutine.of(s -> {
                s.await(AsyncIO.sleep(0));
                s.await(AsyncIO.sleep(0));
                return 7;
            }));
            Task<Integer> tooDeep = AsyncIO.createTask(awaitChain(LIMIT + 1));
            try {
                a.await(tooDeep);
            } catch (RecursionError e) {
                log.add("too deep: " + e.getMessage());
            }
            log.add("sibling " + a.await(sibling));
            return a.await(AsyncIO.createTask(awaitChain(LIMIT)));
        }));
        assertThat(deepest).isEqualTo(LIMIT);
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).startsWith("too deep: maximum recursion depth exceeded");
        assertThat(log.get(1)).isEqualTo("sibling 7");
        assertThat(Engine.liveFibers()).isEqualTo(fibers);
    }

    @Test
    void yieldFromChainsAsDeepAsTheLimitPassValuesThroughAndOneMoreIsARecursionError() {
        long fibers = Engine.liveFibers();
        Generator<Integer, Object, Integer> g = yieldFromChain(LIMIT);
        assertThat(g.next()).isEqualTo(-1);
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class)
                .satisfies(e -> assertThat(((StopIteration) e).value()).isEqualTo(LIMIT));

        Generator<Integer, Object, Integer> closed = yieldFromChain(LIMIT);
        assertThat(closed.next()).isEqualTo(-1);
        closed.close();

        assertThatThrownBy(() -> yieldFromChain(LIMIT + 1).next()).isInstanceOf(RecursionError.class)
                .hasMessageStartingWith("maximum recursion depth exceeded");
        assertThat(Engine.liveFibers()).isEqualTo(fibers);
    }

    @Test
    void aStackOverflowInOneTaskEndsThatTaskAloneWithARecursionError() {
        List<String> log = new ArrayList<>();
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Task<Integer> sibling = AsyncIO.createTask(Coroutine.of(s -> {
                s.await(AsyncIO.sleep(0));
                return 7;
            }));
            Task<Integer> overflowing = AsyncIO.createTask(Coroutine.of(o -> {
                o.await(AsyncIO.sleep(0));
                return recurse(0);
            }));
            try {
                a.await(overflowing);
            } catch (RecursionError e) {
                log.add(e.getMessage() + " / " + e.getCause().getClass().getSimpleName());
            }
            log.add("sibling " + a.await(sibling));
        }));
        assertThat(log).containsExactly("maximum recursion depth exceeded (the stack overflowed)"
                + " / StackOverflowError", "sibling 7");
    }

    @Test
    void aStackOverflowInAPlainCallbackGoesToTheExceptionHandlerAndTheLoopGoesOn() {
        EventLoop loop = AsyncIO.newEventLoop();
        List<String> log = new ArrayList<>();
        try {
            loop.setExceptionHandler((l, ctx) -> log.add(ctx.exception().getClass().getSimpleName()));
            loop.callSoon(() -> recurse(0));
            loop.callSoon(() -> log.add("next callback"));
            loop.callSoon(loop::stop);
            loop.runForever();
        } finally {
            loop.close();
        }
        assertThat(log).containsExactly("RecursionError", "next callback");
    }
}
