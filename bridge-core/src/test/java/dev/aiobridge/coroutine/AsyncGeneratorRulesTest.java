package dev.aiobridge.coroutine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import org.junit.jupiter.api.Test;

/**
 * The awaitables of an async generator (CPython {@code genobject.c}): each {@code asend}/{@code __anext__}
 * and {@code athrow}/{@code aclose} object runs once; used again it raises genobject.c's own message, not
 * the plain coroutine's.
 */
class AsyncGeneratorRulesTest {
    private static final String ASEND = "cannot reuse already awaited __anext__()/asend()";
    private static final String ATHROW = "cannot reuse already awaited aclose()/athrow()";

    private static AsyncGenerator<Integer> oneTwo() {
        return AsyncGenerator.of(g -> {
            g.yield(1);
            g.yield(2);
        });
    }

    private static void run(Coroutine.VoidBody body) {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {
            runner.run(Coroutine.ofVoid(body));
        }
    }

    @Test
    void anAsendAwaitedTwiceRaisesItsOwnMessage() {
        run(a -> {
            AsyncGenerator<Integer> g = oneTwo();
            Coroutine<Integer> send = g.asend(null);
            assertThat(a.await(send)).isEqualTo(1);
            assertThatThrownBy(() -> a.await(send)).isInstanceOf(RuntimeError.class).hasMessage(ASEND);
            assertThat(a.await(g.anext())).as("the generator itself is untouched").isEqualTo(2);
        });
    }

    @Test
    void anAnextAwaitedTwiceRaisesTheSameMessage() {
        run(a -> {
            AsyncGenerator<Integer> g = oneTwo();
            Coroutine<Integer> next = g.anext();
            assertThat(a.await(next)).isEqualTo(1);
            assertThatThrownBy(() -> a.await(next)).isInstanceOf(RuntimeError.class).hasMessage(ASEND);
            Coroutine<Integer> withDefault = g.anext(5);
            assertThat(a.await(withDefault)).isEqualTo(2);
            assertThatThrownBy(() -> a.await(withDefault)).isInstanceOf(RuntimeError.class).hasMessage(ASEND);
        });
    }

    @Test
    void aFinishedAsendRefusesSendAndThrow() {
        run(a -> {
            AsyncGenerator<Integer> g = oneTwo();
            Coroutine<Integer> next = g.anext();
            assertThat(a.await(next)).isEqualTo(1);
            assertThatThrownBy(() -> next.send(null)).isInstanceOf(RuntimeError.class).hasMessage(ASEND);
            assertThatThrownBy(() -> next.throwIn(new IllegalArgumentException()))
                    .isInstanceOf(RuntimeError.class).hasMessage(ASEND);
        });
    }

    @Test
    void anAthrowAwaitedTwiceRaisesItsOwnMessage() {
        run(a -> {
            AsyncGenerator<Integer> g = oneTwo();
            assertThat(a.await(g.anext())).isEqualTo(1);
            IllegalArgumentException boom = new IllegalArgumentException("x");
            Coroutine<Integer> thrown = g.athrow(boom);
            assertThatThrownBy(() -> a.await(thrown)).isSameAs(boom);
            assertThatThrownBy(() -> a.await(thrown)).isInstanceOf(RuntimeError.class).hasMessage(ATHROW);
        });
    }

    @Test
    void anAcloseAwaitedTwiceRaisesTheAthrowMessage() {
        run(a -> {
            AsyncGenerator<Integer> g = oneTwo();
            assertThat(a.await(g.anext())).isEqualTo(1);
            Coroutine<Void> close = g.aclose();
            a.await(close);
            assertThatThrownBy(() -> a.await(close)).isInstanceOf(RuntimeError.class).hasMessage(ATHROW);
            a.await(g.aclose()); // a new aclose() of a closed generator is fine
        });
    }

    @Test
    void aPlainCoroutineKeepsTheCoroutineMessage() {
        run(a -> {
            Coroutine<String> coro = Coroutine.of(b -> "done");
            assertThat(a.await(coro)).isEqualTo("done");
            assertThatThrownBy(() -> a.await(coro)).isInstanceOf(RuntimeError.class)
                    .hasMessage("cannot reuse already awaited coroutine");
        });
    }
}
