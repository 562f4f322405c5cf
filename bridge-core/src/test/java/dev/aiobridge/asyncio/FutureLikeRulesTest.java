package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The Future protocol made public ({@link FutureLike}): a Task accepts a future of the user's own that
 * follows CPython's {@code _asyncio_future_blocking} protocol, with the rules of {@code Task.__step}.
 */
class FutureLikeRulesTest {

    /** A minimal Future-like of a user's own: no aiobridge Future inside. */
    static final class MyFuture<T> implements FutureLike<T> {
        final EventLoop loop;
        final List<String> log = new ArrayList<>();
        private boolean blocking;
        private boolean done;
        private T value;
        private Throwable error;
        private final List<Consumer<? super FutureLike<T>>> callbacks = new ArrayList<>();
        private final List<Context> contexts = new ArrayList<>();

        MyFuture(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        public boolean isBlocking() {
            return blocking;
        }

        @Override
        public void setBlocking(boolean blocking) {
            log.add("blocking=" + blocking);
            this.blocking = blocking;
        }

        @Override
        public EventLoop getLoop() {
            return loop;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public T result() {
            if (!done) {
                throw new InvalidStateError("Result is not ready.");
            }
            if (error instanceof RuntimeException e) {
                throw e;
            }
            if (error instanceof Error e) {
                throw e;
            }
            return value;
        }

        @Override
        public boolean cancel(String message) {
            log.add("cancel(" + message + ")");
            if (done) {
                return false;
            }
            finish(null, new CancelledError(message));
            return true;
        }

        @Override
        public void addDoneCallback(Consumer<? super FutureLike<T>> callback, Context context) {
            log.add("addDoneCallback");
            callbacks.add(callback);
            contexts.add(context);
        }

        void setResult(T v) {
            finish(v, null);
        }

        void setException(RuntimeException e) {
            finish(null, e);
        }

        private void finish(T v, Throwable e) {
            done = true;
            value = v;
            error = e;
            for (int i = 0; i < callbacks.size(); i++) {
                Consumer<? super FutureLike<T>> cb = callbacks.get(i);
                loop.callSoon(() -> cb.accept(this), contexts.get(i));
            }
            callbacks.clear();
            contexts.clear();
        }
    }

    private static <T> T run(Coroutine<T> main) {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {
            return runner.run(main);
        }
    }

    @Test
    void aTaskWaitsForAFutureLikeOfTheUsersOwn() {
        List<String> log = run(Coroutine.of(a -> {
            MyFuture<String> mine = new MyFuture<>(AsyncIO.getRunningLoop());
            Task<String> waiter = AsyncIO.createTask(Coroutine.of(b -> "got " + b.await(mine)));
            a.await(AsyncIO.sleep(0));
            assertThat(waiter.isDone()).isFalse();
            assertThat(mine.isBlocking()).as("the task cleared the flag").isFalse();
            mine.setResult("v");
            assertThat(a.await(waiter)).isEqualTo("got v");
            return mine.log;
        }));
        assertThat(log).containsExactly("blocking=true", "blocking=false", "addDoneCallback");
    }

    @Test
    void theFutureLikesExceptionIsRaisedAtTheAwait() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Throwable raised = run(Coroutine.of(a -> {
            MyFuture<String> mine = new MyFuture<>(AsyncIO.getRunningLoop());
            Task<String> waiter = AsyncIO.createTask(Coroutine.of(b -> b.await(mine)));
            a.await(AsyncIO.sleep(0));
            mine.setException(boom);
            try {
                a.await(waiter);
                return null;
            } catch (IllegalArgumentException e) {
                return e;
            }
        }));
        assertThat(raised).isSameAs(boom);
    }

    @Test
    void aFutureLikeOfAnotherLoopIsRefused() {
        EventLoop other = new VirtualTimeEventLoop();
        try {
            run(Coroutine.ofVoid(a -> {
                MyFuture<String> foreign = new MyFuture<>(other);
                assertThatThrownBy(() -> a.await(foreign)).isInstanceOf(RuntimeError.class)
                        .hasMessageContaining("attached to a different loop");
            }));
        } finally {
            other.close();
        }
    }

    @Test
    void aFutureLikeYieldedWithoutTheBlockingFlagIsRefused() {
        run(Coroutine.ofVoid(a -> {
            MyFuture<String> mine = new MyFuture<>(AsyncIO.getRunningLoop());
            Awaitable<Object> bareYield = () -> Generator.of(g -> g.yield(mine)); // "yield fut", not "yield from"
            assertThatThrownBy(() -> a.await(bareYield)).isInstanceOf(RuntimeError.class)
                    .hasMessageStartingWith("yield was used instead of yield from in task");
            assertThat(mine.log).doesNotContain("addDoneCallback");
        }));
    }

    @Test
    void cancellingTheTaskCancelsTheFutureLikeItWaitsFor() {
        run(Coroutine.ofVoid(a -> {
            MyFuture<String> mine = new MyFuture<>(AsyncIO.getRunningLoop());
            Task<String> waiter = AsyncIO.createTask(Coroutine.of(b -> b.await(mine)));
            a.await(AsyncIO.sleep(0));
            assertThat(waiter.cancel("stop")).isTrue();
            assertThat(mine.log).contains("cancel(stop)");
            assertThatThrownBy(() -> a.await(waiter)).isInstanceOf(CancelledError.class).hasMessage("stop");
            assertThat(waiter.isCancelled()).isTrue();
        }));
    }

    @Test
    void aCancelRequestedBeforeTheTaskAcceptsTheFutureLikeCancelsIt() {
        run(Coroutine.ofVoid(a -> {
            MyFuture<String> mine = new MyFuture<>(AsyncIO.getRunningLoop());
            Task<String> waiter = AsyncIO.createTask(Coroutine.of(b -> {
                try {
                    b.await(mine);
                    return "not cancelled";
                } catch (CancelledError e) {
                    return "cancelled: " + e.getMessage();
                }
            }));
            a.await(AsyncIO.sleep(0)); // waiting on mine
            mine.setResult("r");       // its wakeup is scheduled
            waiter.cancel("late");     // delivered at the wakeup
            assertThat(a.await(waiter)).isEqualTo("cancelled: late");
        }));
    }
}
