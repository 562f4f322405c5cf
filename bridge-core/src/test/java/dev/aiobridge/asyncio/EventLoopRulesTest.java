package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.RuntimeError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Event loop rules beyond the CPython traces: cross-thread calls, errors, timers, closing. */
class EventLoopRulesTest {

    @Test
    void callSoonThreadsafeFromEightThreadsLosesNothingAndKeepsEachThreadsOrder() throws Exception {
        int threads = 8;
        int perThread = 100_000;
        EventLoop loop = AsyncIO.newEventLoop();
        int[][] seen = new int[threads][1];
        AtomicInteger orderViolations = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        Future<Void> allArrived = loop.createFuture();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    int n = i;
                    loop.callSoonThreadsafe(() -> {
                        if (seen[id][0] != n) {
                            orderViolations.incrementAndGet();
                        }
                        seen[id][0] = n + 1;
                        if (total.incrementAndGet() == threads * perThread) {
                            allArrived.setResult(null);
                        }
                    });
                }
            });
            th.start();
            producers.add(th);
        }
        start.countDown(); // the loop is blocked in select when most calls arrive: each must wake it
        loop.runUntilComplete(allArrived);
        for (Thread th : producers) {
            th.join();
        }
        loop.close();
        assertThat(total.get()).isEqualTo(threads * perThread);
        assertThat(orderViolations.get()).isZero();
    }

    @Test
    void anExceptionInEveryCallbackOfABatchGoesToTheHandlerAndTheLoopGoesOn() {
        EventLoop loop = AsyncIO.newEventLoop();
        List<String> handled = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> {
            assertThat(l).isSameAs(loop);
            assertThat(ctx.handle()).isNotNull();
            assertThat(ctx.message()).startsWith("Exception in callback");
            handled.add(ctx.exception().getMessage());
        });
        for (int i = 0; i < 5; i++) {
            int n = i;
            loop.callSoon(() -> {
                throw new IllegalArgumentException("cb" + n);
            });
        }
        List<String> after = new ArrayList<>();
        loop.callSoon(() -> after.add("ran"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertThat(handled).containsExactly("cb0", "cb1", "cb2", "cb3", "cb4");
        assertThat(after).containsExactly("ran");
        assertThat(loop.isClosed()).isFalse();
        loop.close();
    }

    @Test
    void aFailingExceptionHandlerDoesNotStopTheLoop() {
        EventLoop loop = AsyncIO.newEventLoop();
        loop.setExceptionHandler((l, ctx) -> {
            throw new IllegalStateException("handler broken");
        });
        List<String> log = new ArrayList<>();
        loop.callSoon(() -> {
            throw new IllegalArgumentException("boom");
        });
        loop.callSoon(() -> log.add("next"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertThat(log).containsExactly("next");
        loop.close();
    }

    @Test
    void timersWithEqualDeadlinesRunInSchedulingOrderAndCancelledOnesAreDropped() {
        EventLoop loop = AsyncIO.newEventLoop();
        List<Integer> order = new ArrayList<>();
        double when = loop.time() + 0.01;
        List<TimerHandle> handles = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int n = i;
            handles.add(loop.callAt(when, () -> order.add(n)));
        }
        for (int i = 0; i < 300; i += 2) {
            handles.get(i).cancel();
        }
        loop.callAt(when + 0.005, loop::stop);
        loop.runForever();
        List<Integer> odd = new ArrayList<>();
        for (int i = 1; i < 300; i += 2) {
            odd.add(i);
        }
        assertThat(order).isEqualTo(odd);
        assertThat(((BaseEventLoop) loop).timerCount()).isZero();
        loop.close();
    }

    @Test
    void manyCancelledTimersAreCompactedBeforeTheyAreDue() {
        EventLoop loop = AsyncIO.newEventLoop();
        List<TimerHandle> far = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            far.add(loop.callLater(3600, () -> {
            }));
        }
        far.forEach(TimerHandle::cancel);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertThat(((BaseEventLoop) loop).timerCount()).isZero();
        loop.close();
    }

    @Test
    void aClosedLoopRefusesWorkAndReportsItsPendingTasks() {
        EventLoop loop = AsyncIO.newEventLoop();
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        Future<Void> never = loop.createFuture();
        Task<Void> stuck = loop.createTask(Coroutine.ofVoid(a -> a.await(never)), "stuck");
        loop.callSoon(loop::stop);
        loop.runForever();
        assertThat(stuck.isDone()).isFalse();
        loop.close();
        assertThat(loop.isClosed()).isTrue();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).message()).isEqualTo("Task was destroyed but it is pending!");
        assertThat(reports.get(0).task()).isSameAs(stuck);
        assertThatThrownBy(() -> loop.callSoon(() -> {
        })).hasMessage("Event loop is closed");
        assertThatThrownBy(loop::runForever).hasMessage("Event loop is closed");
        assertThatThrownBy(() -> loop.callSoonThreadsafe(() -> {
        })).hasMessage("Event loop is closed");
        loop.close(); // twice is fine
    }

    @Test
    void closingARunningLoopIsRefused() {
        EventLoop loop = AsyncIO.newEventLoop();
        List<String> errors = new ArrayList<>();
        loop.callSoon(() -> {
            try {
                loop.close();
            } catch (RuntimeError e) {
                errors.add(e.getMessage());
            }
            loop.stop();
        });
        loop.runForever();
        assertThat(errors).containsExactly("Cannot close a running event loop");
        loop.close();
    }

    @Test
    void debugModeRefusesLoopCallsFromAForeignThread() throws Exception {
        EventLoop loop = AsyncIO.newEventLoop();
        loop.setDebug(true);
        List<String> errors = new ArrayList<>();
        Future<Void> done = loop.createFuture();
        loop.callSoon(() -> {
            Thread foreign = new Thread(() -> {
                try {
                    loop.callSoon(() -> {
                    });
                } catch (RuntimeError e) {
                    errors.add(e.getMessage());
                }
                loop.callSoonThreadsafe(() -> done.setResult(null)); // the right way still works
            });
            foreign.start();
        });
        loop.runUntilComplete(done);
        loop.close();
        assertThat(errors).containsExactly(
                "Non-thread-safe operation invoked on an event loop other than the current one");
    }

    @Test
    void oneRunningLoopPerThread() {
        EventLoop outer = AsyncIO.newEventLoop();
        EventLoop inner = AsyncIO.newEventLoop();
        List<String> errors = new ArrayList<>();
        outer.callSoon(() -> {
            try {
                inner.runForever();
            } catch (RuntimeError e) {
                errors.add(e.getMessage());
            }
            outer.stop();
        });
        outer.runForever();
        outer.close();
        inner.close();
        assertThat(errors).containsExactly("Cannot run the event loop while another loop is running");
    }

    @Test
    void runUntilCompleteRaisesWhenTheLoopStopsFirst() {
        EventLoop loop = AsyncIO.newEventLoop();
        Future<String> never = loop.createFuture();
        loop.callSoon(loop::stop);
        assertThatThrownBy(() -> loop.runUntilComplete(never))
                .hasMessage("Event loop stopped before Future completed.");
        loop.close();
    }
}
