package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.RuntimeError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Task rules beyond the CPython traces: cancellation at every point of a task's life, bad input, reports. */
class TaskRulesTest {

    /** A worker that records how it ends, awaiting {@code gate} between two sleep(0)s. */
    private static Coroutine<String> worker(List<String> log, Future<String> gate) {
        return Coroutine.of(a -> {
            log.add("started");
            try {
                a.await(AsyncIO.sleep(0));
                log.add("after sleep0");
                String v = a.await(gate);
                log.add("after gate");
                return v;
            } catch (CancelledError e) {
                log.add("cancelled");
                throw e;
            } finally {
                log.add("finally");
            }
        });
    }

    private static <T> T run(EventLoop loop, Coroutine<T> main) {
        try {
            return loop.runUntilComplete(main);
        } finally {
            loop.close();
        }
    }

    @Test
    void cancelledBeforeItsFirstStepRunsNothing() {
        List<String> log = new ArrayList<>();
        EventLoop loop = AsyncIO.newEventLoop();
        run(loop, Coroutine.ofVoid(a -> {
            Task<String> t = AsyncIO.createTask(worker(log, loop.createFuture()));
            assertThat(t.cancel()).isTrue();
            assertThatThrownBy(() -> a.await(t)).isInstanceOf(CancelledError.class);
            assertThat(t.isCancelled()).isTrue();
        }));
        assertThat(log).isEmpty();
    }

    @Test
    void cancelledWhileReadyAfterABareYield() {
        List<String> log = new ArrayList<>();
        EventLoop loop = AsyncIO.newEventLoop();
        run(loop, Coroutine.ofVoid(a -> {
            Task<String> t = AsyncIO.createTask(worker(log, loop.createFuture()));
            a.await(AsyncIO.sleep(0)); // t ran to its sleep(0): its next step is scheduled
            assertThat(t.cancel("stop")).isTrue();
            assertThatThrownBy(() -> a.await(t)).isInstanceOf(CancelledError.class).hasMessage("stop");
        }));
        assertThat(log).containsExactly("started", "cancelled", "finally");
    }

    @Test
    void cancelledWhileWaitingOnAFutureCancelsTheFuture() {
        List<String> log = new ArrayList<>();
        EventLoop loop = AsyncIO.newEventLoop();
        Future<String> gate = loop.createFuture();
        run(loop, Coroutine.ofVoid(a -> {
            Task<String> t = AsyncIO.createTask(worker(log, gate));
            a.await(AsyncIO.sleep(0));
            a.await(AsyncIO.sleep(0)); // now t waits on gate
            assertThat(t.cancel()).isTrue();
            assertThat(gate.isCancelled()).isTrue();
            assertThatThrownBy(() -> a.await(t)).isInstanceOf(CancelledError.class);
        }));
        assertThat(log).containsExactly("started", "after sleep0", "cancelled", "finally");
    }

    @Test
    void cancelledAfterTheGateOpenedButBeforeItWokeUp() {
        List<String> log = new ArrayList<>();
        EventLoop loop = AsyncIO.newEventLoop();
        Future<String> gate = loop.createFuture();
        run(loop, Coroutine.ofVoid(a -> {
            Task<String> t = AsyncIO.createTask(worker(log, gate));
            a.await(AsyncIO.sleep(0));
            a.await(AsyncIO.sleep(0));
            gate.setResult("open"); // t's wakeup is scheduled
            assertThat(t.cancel()).isTrue(); // the future is done: the cancel is delivered at the wakeup
            assertThatThrownBy(() -> a.await(t)).isInstanceOf(CancelledError.class);
        }));
        assertThat(log).containsExactly("started", "after sleep0", "cancelled", "finally");
    }

    @Test
    void cancellingADoneTaskReturnsFalse() {
        EventLoop loop = AsyncIO.newEventLoop();
        run(loop, Coroutine.ofVoid(a -> {
            Task<String> t = AsyncIO.createTask(Coroutine.of(b -> "done"));
            assertThat(a.await(t)).isEqualTo("done");
            assertThat(t.cancel()).isFalse();
            assertThat(t.cancelling()).isZero();
        }));
    }

    @Test
    void cancelledAgainDuringItsCleanupGetsASecondCancelledError() {
        List<String> log = new ArrayList<>();
        EventLoop loop = AsyncIO.newEventLoop();
        run(loop, Coroutine.ofVoid(a -> {
            Task<Void> t = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                try {
                    b.await(AsyncIO.sleep(10));
                } catch (CancelledError first) {
                    log.add("first");
                    try {
                        b.await(AsyncIO.sleep(10)); // cleanup that awaits
                    } catch (CancelledError second) {
                        log.add("second");
                        throw second;
                    }
                }
            }));
            a.await(AsyncIO.sleep(0));
            t.cancel();
            a.await(AsyncIO.sleep(0));
            assertThat(t.cancel()).isTrue();
            assertThat(t.cancelling()).isEqualTo(2);
            assertThatThrownBy(() -> a.await(t)).isInstanceOf(CancelledError.class);
        }));
        assertThat(log).containsExactly("first", "second");
    }

    @Test
    void anEagerTaskRunsItsFirstStepInsideCreateTask() {
        List<String> log = new ArrayList<>();
        EventLoop loop = AsyncIO.newEventLoop();
        loop.setTaskFactory(Task.EAGER_FACTORY);
        run(loop, Coroutine.ofVoid(a -> {
            Task<String> quick = AsyncIO.createTask(Coroutine.of(b -> {
                log.add("quick ran");
                return "q";
            }));
            log.add("created quick");
            assertThat(quick.isDone()).isTrue();
            Task<Void> slow = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                log.add("slow first step");
                b.await(AsyncIO.sleep(0));
                log.add("slow second step");
            }));
            log.add("created slow");
            assertThat(AsyncIO.allTasks()).contains(slow).doesNotContain(quick);
            a.await(slow);
            assertThat(a.await(quick)).isEqualTo("q");
        }));
        assertThat(log).containsExactly("quick ran", "created quick", "slow first step", "created slow",
                "slow second step");
    }

    @Test
    void awaitingAFutureOfAnotherLoopIsAnErrorInTheCoroutine() {
        EventLoop other = AsyncIO.newEventLoop();
        Future<String> foreign = other.createFuture();
        EventLoop loop = AsyncIO.newEventLoop();
        String message = run(loop, Coroutine.of(a -> {
            try {
                a.await(foreign);
                return "no error";
            } catch (RuntimeError e) {
                return e.getMessage();
            }
        }));
        other.close();
        assertThat(message).contains("attached to a different loop");
    }

    @Test
    void aTaskThatYieldsSomethingElseGetsABadYieldError() {
        Awaitable<Object> yieldsAString = () -> Generator.of(g -> g.yield("text"));
        EventLoop loop = AsyncIO.newEventLoop();
        String message = run(loop, Coroutine.of(a -> {
            try {
                a.await(yieldsAString);
                return "no error";
            } catch (RuntimeError e) {
                return e.getMessage();
            }
        }));
        assertThat(message).isEqualTo("Task got bad yield: 'text'");
    }

    @Test
    void getStackShowsWhereTheTaskIsSuspended() {
        EventLoop loop = AsyncIO.newEventLoop();
        run(loop, Coroutine.ofVoid(a -> {
            Future<Void> gate = loop.createFuture();
            // tag::getstack[]
            Task<Void> t = AsyncIO.createTask(Coroutine.ofVoid(b -> waitHere(b, gate)));
            a.await(AsyncIO.sleep(0));
            List<StackTraceElement> stack = t.getStack();
            assertThat(stack).anySatisfy(e -> assertThat(e.getMethodName()).isEqualTo("waitHere"));
            assertThat(stack).noneSatisfy(e -> assertThat(e.getClassName()).startsWith("dev.aiobridge.internal"));
            gate.setResult(null);
            a.await(t);
            assertThat(t.getStack()).isEmpty();
            // end::getstack[]
        }));
    }

    private static void waitHere(dev.aiobridge.coroutine.Awaiter b, Future<Void> gate) {
        b.await(gate);
    }
}
