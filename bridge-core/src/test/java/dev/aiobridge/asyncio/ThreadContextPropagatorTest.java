package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.coroutine.Coroutine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rules of {@link ThreadContextPropagator}: the state a task's creator had is in place around every
 * step of the task (after awaits and timer sleeps too), a child task inherits it, a callback handed in
 * from another thread runs with that thread's state, and nothing leaks onto the loop's thread between
 * steps.
 */
class ThreadContextPropagatorTest {
    private static final ThreadLocal<String> REQUEST = new ThreadLocal<>();

    /** Carries {@link #REQUEST}, as an MDC bridge would carry a trace id. */
    private static final ThreadContextPropagator CARRY_REQUEST = new ThreadContextPropagator() {
        @Override
        public Object capture() {
            return REQUEST.get();
        }

        @Override
        public Scope restore(Object captured) {
            String previous = REQUEST.get();
            REQUEST.set((String) captured);
            return () -> REQUEST.set(previous);
        }
    };

    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void clear() {
        REQUEST.remove();
    }

    private Coroutine<Void> recordAcrossAwaits(String name) {
        return Coroutine.ofVoid(a -> {
            seen.add(name + " start " + REQUEST.get());
            a.await(AsyncIO.sleep(0));
            seen.add(name + " after sleep(0) " + REQUEST.get());
            a.await(AsyncIO.sleep(0.5));
            seen.add(name + " after sleep(0.5) " + REQUEST.get());
            a.await(AsyncIO.createTask(Coroutine.ofVoid(b -> {
                b.await(AsyncIO.sleep(0.1));
                seen.add(name + " child " + REQUEST.get());
            })));
            seen.add(name + " end " + REQUEST.get());
        });
    }

    @Test
    void stateCapturedAtCreationIsRestoredAroundEveryStep() {
        VirtualTimeEventLoop loop = new VirtualTimeEventLoop();
        loop.setThreadContextPropagator(CARRY_REQUEST);
        REQUEST.set("request-1");
        Task<Void> first = loop.createTask(recordAcrossAwaits("first"));
        REQUEST.set("request-2");
        Task<Void> second = loop.createTask(recordAcrossAwaits("second"));
        REQUEST.remove();
        loop.callSoon(() -> seen.add("plain callback " + REQUEST.get()));
        loop.runUntilComplete(AsyncIO.gather(first, second));
        loop.close();

        assertThat(seen).containsExactly(
                "first start request-1", "second start request-2", "plain callback null",
                "first after sleep(0) request-1", "second after sleep(0) request-2",
                "first after sleep(0.5) request-1", "second after sleep(0.5) request-2",
                "first child request-1", "second child request-2",
                "first end request-1", "second end request-2");
        assertThat(REQUEST.get()).isNull();
    }

    @Test
    void aCallbackFromAnotherThreadCarriesThatThreadsState() throws Exception {
        try (EventLoopThread thread = EventLoopThread.start("propagator-test")) {
            thread.getLoop().setThreadContextPropagator(CARRY_REQUEST);
            REQUEST.set("from-caller");
            var result = thread.submit(Coroutine.of(a -> {
                a.await(AsyncIO.sleep(0.01));
                return REQUEST.get();
            }));
            REQUEST.remove();
            assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("from-caller");
            // Between steps the loop's thread has nothing of it.
            var between = new java.util.concurrent.CompletableFuture<String>();
            thread.getLoop().callSoonThreadsafe(() -> between.complete(String.valueOf(REQUEST.get())));
            assertThat(between.get(10, TimeUnit.SECONDS)).isEqualTo("null");
        }
    }

    @Test
    void withoutAPropagatorNothingIsCarried() {
        VirtualTimeEventLoop loop = new VirtualTimeEventLoop();
        REQUEST.set("request-1");
        Task<Void> task = loop.createTask(Coroutine.ofVoid(a -> {
            a.await(AsyncIO.sleep(0));
            seen.add(String.valueOf(REQUEST.get()));
        }));
        REQUEST.remove();
        loop.runUntilComplete(task);
        loop.close();
        assertThat(seen).containsExactly("null");
        assertThat(loop.getThreadContextPropagator()).isNull();
    }
}
