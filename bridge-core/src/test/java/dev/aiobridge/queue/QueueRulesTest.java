package dev.aiobridge.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.TaskGroup;
import dev.aiobridge.asyncio.TimeoutError;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.sync.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code Queue}, {@code LifoQueue} and {@code PriorityQueue} rules, ported from CPython 3.13's
 * {@code test_queues.py}: order, maxsize, blocking get/put, cancellation races that must not drop an
 * item or hold a cancelled waiter, join/task_done, and 3.13's shutdown (the join and shutdown suites run
 * on all three kinds, as CPython's mixins do).
 */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
// a guard against a hang, not a time
class QueueRulesTest {

    private static final List<IntFunction<Queue<String>>> KINDS =
            List.of(Queue::new, LifoQueue::new, PriorityQueue::new);

    private static void run(Coroutine.VoidBody body) {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {
            runner.run(Coroutine.ofVoid(body));
        }
    }

    @Test
    void reprShowsWaitersAndTasks() { // test_repr, test_format
        run(a -> {
            Queue<Integer> q = new Queue<>();
            assertThat(q.toString()).startsWith("<Queue maxsize=0");
            Task<Integer> getter = AsyncIO.createTask(q.get());
            a.await(AsyncIO.sleep(0));
            assertThat(q.toString()).contains("_getters[1]");
            q.putNowait(0);
            assertThat(a.await(getter)).isZero();

            Queue<Integer> full = new Queue<>(1);
            full.putNowait(1);
            Task<Void> putter = AsyncIO.createTask(full.put(2));
            a.await(AsyncIO.sleep(0));
            assertThat(full.toString()).contains("_putters[1]");
            full.getNowait();
            a.await(putter);
            assertThat(full.toString()).contains("tasks=2");
            full.shutdown();
            assertThat(full.toString()).endsWith(" shutdown>");
        });
    }

    @Test
    void emptyFullAndFifoOrder() { // test_empty, test_full, test_order
        run(a -> {
            Queue<Integer> q = new Queue<>();
            assertThat(q.isEmpty()).isTrue();
            assertThat(q.isFull()).isFalse();
            a.await(q.put(1));
            assertThat(q.isEmpty()).isFalse();
            assertThat(a.await(q.get())).isEqualTo(1);
            Queue<Integer> one = new Queue<>(1);
            a.await(one.put(1));
            assertThat(one.isFull()).isTrue();
            for (int i : List.of(1, 3, 2)) {
                a.await(q.put(i));
            }
            assertThat(List.of(a.await(q.get()), a.await(q.get()), a.await(q.get()))).containsExactly(1, 3, 2);
        });
    }

    @Test
    void lifoAndPriorityOrder() { // LifoQueueTests, PriorityQueueTests
        run(a -> {
            Queue<Integer> lifo = new LifoQueue<>();
            Queue<Integer> prio = new PriorityQueue<>();
            for (int i : List.of(1, 3, 2)) {
                a.await(lifo.put(i));
                a.await(prio.put(i));
            }
            assertThat(List.of(a.await(lifo.get()), a.await(lifo.get()), a.await(lifo.get()))).containsExactly(2, 3, 1);
            assertThat(List.of(a.await(prio.get()), a.await(prio.get()), a.await(prio.get()))).containsExactly(1, 2, 3);
        });
    }

    @Test
    void aPutterBlocksAtMaxsize() { // test_maxsize
        run(a -> {
            Queue<Integer> q = new Queue<>(2);
            assertThat(q.maxsize()).isEqualTo(2);
            List<Integer> haveBeenPut = new ArrayList<>();
            Task<Boolean> t = AsyncIO.createTask(Coroutine.of(b -> {
                for (int i = 0; i < 3; i++) {
                    b.await(q.put(i));
                    haveBeenPut.add(i);
                }
                return true;
            }));
            a.await(AsyncIO.sleep(0));
            a.await(AsyncIO.sleep(0));
            assertThat(haveBeenPut).containsExactly(0, 1);
            assertThat(a.await(q.get())).isZero();
            a.await(AsyncIO.sleep(0));
            assertThat(haveBeenPut).containsExactly(0, 1, 2);
            assertThat(a.await(q.get())).isEqualTo(1);
            assertThat(a.await(q.get())).isEqualTo(2);
            assertThat(t.result()).isTrue();
        });
    }

    @Test
    void getWaitsForAPutAndWakesAPutter() { // test_blocking_get(_wait), test_get_with_(waiting_)putters
        run(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Queue<Integer> q = new Queue<>();
            Event started = new Event();
            AtomicBoolean finished = new AtomicBoolean();
            Task<Integer> getTask = AsyncIO.createTask(Coroutine.of(b -> {
                started.set();
                int res = b.await(q.get());
                finished.set(true);
                return res;
            }));
            a.await(started.await());
            assertThat(finished).isFalse();
            loop.callLater(0.01, () -> q.putNowait(1));
            assertThat(a.await(getTask)).isEqualTo(1);
            assertThat(finished).isTrue();

            Queue<String> one = new Queue<>(1);
            AsyncIO.createTask(one.put("a"));
            AsyncIO.createTask(one.put("b"));
            assertThat(a.await(one.get())).isEqualTo("a");
            assertThat(a.await(one.get())).isEqualTo("b");
            assertThatThrownBy(one::getNowait).isInstanceOf(QueueEmpty.class);
        });
    }

    @Test
    void aCancelledGetterDoesNotTakeTheNextItem() { // test_get_cancelled_race
        run(a -> {
            Queue<String> q = new Queue<>();
            Task<String> t1 = AsyncIO.createTask(q.get());
            Task<String> t2 = AsyncIO.createTask(q.get());
            a.await(AsyncIO.sleep(0));
            t1.cancel();
            a.await(AsyncIO.sleep(0));
            assertThat(t1.isDone()).isTrue();
            a.await(q.put("a"));
            a.await(AsyncIO.sleep(0));
            assertThat(a.await(t2)).isEqualTo("a");
        });
    }

    @Test
    void producerAndConsumerThroughAOneSlotQueue() { // test_why_are_getters_waiting, ..._putters_waiting
        run(a -> {
            Queue<Integer> q = new Queue<>(1);
            List<Integer> got = new ArrayList<>();
            TaskGroup tg = new TaskGroup();
            tg.with(a, () -> {
                tg.createTask(Coroutine.ofVoid(b -> {
                    for (int i = 0; i < 5; i++) {
                        b.await(q.put(i));
                    }
                }));
                tg.createTask(Coroutine.ofVoid(b -> {
                    for (int i = 0; i < 5; i++) {
                        got.add(b.await(q.get()));
                    }
                }));
            });
            assertThat(got).containsExactly(0, 1, 2, 3, 4);

            Queue<Integer> two = new Queue<>(2);
            TaskGroup tg2 = new TaskGroup();
            tg2.with(a, () -> {
                tg2.createTask(Coroutine.ofVoid(b -> {
                    b.await(AsyncIO.sleep(0));
                    int num = two.qsize();
                    for (int i = 0; i < num; i++) {
                        two.getNowait();
                    }
                }));
                for (int i = 0; i < 4; i++) {
                    tg2.createTask(two.put(i));
                }
            });
            assertThat(two.qsize()).isEqualTo(2);
        });
    }

    @Test
    void aTimedOutGetterIsNotHeld() { // test_cancelled_getters_not_being_held_in_self_getters
        run(a -> {
            Queue<Integer> q = new Queue<>(5);
            assertThatThrownBy(() -> a.await(AsyncIO.waitFor(q.get(), 0.1))).isInstanceOf(TimeoutError.class);
            assertThat(q.toString()).doesNotContain("_getters");
        });
    }

    @Test
    void putWaitsForAGet() { // test_blocking_put(_wait), test_put_with_waiting_getters, test_put_cancelled
        run(a -> {
            Queue<Integer> q = new Queue<>(1);
            Event started = new Event();
            AtomicBoolean finished = new AtomicBoolean();
            AsyncIO.getRunningLoop().callLater(0.01, q::getNowait);
            Task<Void> putTask = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                started.set();
                b.await(q.put(1));
                b.await(q.put(2));
                finished.set(true);
            }));
            a.await(started.await());
            assertThat(finished).isFalse();
            a.await(putTask);
            assertThat(finished).isTrue();

            Queue<String> unbounded = new Queue<>();
            Task<String> t = AsyncIO.createTask(unbounded.get());
            a.await(AsyncIO.sleep(0));
            a.await(unbounded.put("a"));
            assertThat(a.await(t)).isEqualTo("a");
        });
    }

    @Test
    void aCancelledReaderDropsNoItem() { // test_get_cancel_drop_one_pending_reader
        run(a -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> reader = AsyncIO.createTask(q.get());
            a.await(AsyncIO.sleep(0));
            q.putNowait(1);
            q.putNowait(2);
            reader.cancel();
            int result;
            try {
                result = a.await(reader);
            } catch (CancelledError e) {
                result = a.await(AsyncIO.createTask(q.get()));
            }
            assertThat(result).as("2 would mean 1 was dropped").isEqualTo(1);
        });
    }

    @Test
    void manyCancelledReadersDropNoItem() { // test_get_cancel_drop_many_pending_readers
        run(a -> {
            Queue<Integer> q = new Queue<>();
            List<Task<Integer>> readers = new ArrayList<>();
            TaskGroup tg = new TaskGroup();
            tg.with(a, () -> {
                for (int i = 0; i < 3; i++) {
                    readers.add(tg.createTask(q.get()));
                }
                a.await(AsyncIO.sleep(0));
                q.putNowait(1);
                q.putNowait(2);
                readers.get(0).cancel();
                assertThatThrownBy(() -> a.await(readers.get(0))).isInstanceOf(CancelledError.class);
                a.await(readers.get(2));
            });
            assertThat(Set.of(readers.get(1).result(), readers.get(2).result())).isEqualTo(Set.of(1, 2));
        });
    }

    @Test
    void aCancelledWriterDropsNoSlot() { // test_put_cancel_drop, test_cancelled_put_silence_value_error_exception
        run(a -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            Task<Void> writer = AsyncIO.createTask(q.put(2));
            a.await(AsyncIO.sleep(0));
            assertThat(q.getNowait()).isEqualTo(1);
            writer.cancel();
            try {
                a.await(writer);
            } catch (CancelledError e) {
                a.await(AsyncIO.createTask(q.put(2)));
            }
            assertThat(q.getNowait()).isEqualTo(2);
            assertThat(q.qsize()).isZero();
        });
    }

    @Test
    void putNowaitOnAFullQueueRaises() { // test_nonblocking_put_exception
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        assertThatThrownBy(() -> q.putNowait(2)).isInstanceOf(QueueFull.class);
    }

    @Test
    void aCancelledPutterIsSkipped() { // test_put_cancelled_race, test_cancelled_puts_not_being_held_in_self_putters
        run(a -> {
            Queue<String> q = new Queue<>(1);
            Task<Void> putA = AsyncIO.createTask(q.put("a"));
            Task<Void> putB = AsyncIO.createTask(q.put("b"));
            Task<Void> putC = AsyncIO.createTask(q.put("X"));
            a.await(AsyncIO.sleep(0));
            assertThat(putA.isDone()).isTrue();
            assertThat(putB.isDone()).isFalse();
            assertThat(q.toString()).contains("_putters[2]");
            putC.cancel();
            a.await(AsyncIO.sleep(0));
            assertThat(putC.isDone()).isTrue();
            assertThat(q.toString()).contains("_putters[1]");
            assertThat(q.getNowait()).isEqualTo("a");
            a.await(AsyncIO.sleep(0));
            assertThat(q.getNowait()).isEqualTo("b");
            a.await(putB);
            assertThat(q.toString()).doesNotContain("_putters");
        });
    }

    @Test
    void taskDoneAndJoin() { // _QueueJoinTestMixin
        for (IntFunction<Queue<String>> kind : KINDS) {
            assertThatThrownBy(() -> kind.apply(0).taskDone()).isInstanceOf(ValueError.class)
                    .hasMessage("task_done() called too many times");
            run(a -> {
                Queue<Integer> q = kind == KINDS.get(0) ? new Queue<>() : kind == KINDS.get(1)
                        ? new LifoQueue<>() : new PriorityQueue<>();
                a.await(q.join()); // an empty queue joins at once, twice
                a.await(q.join());
                for (int i = 0; i < 100; i++) {
                    q.putNowait(i);
                }
                AtomicInteger accumulator = new AtomicInteger();
                AtomicBoolean running = new AtomicBoolean(true);
                TaskGroup tg = new TaskGroup();
                tg.with(a, () -> {
                    for (int w = 0; w < 2; w++) {
                        tg.createTask(Coroutine.ofVoid(b -> {
                            while (running.get()) {
                                accumulator.addAndGet(b.await(q.get()));
                                q.taskDone();
                            }
                        }));
                    }
                    a.await(q.join());
                    assertThat(accumulator).hasValue(4950);
                    running.set(false);
                    q.putNowait(0);
                    q.putNowait(0);
                });
            });
        }
    }

    @Test
    void shutdownOfAnEmptyQueue() { // test_shutdown_empty
        for (IntFunction<Queue<String>> kind : KINDS) {
            run(a -> {
                Queue<String> q = kind.apply(0);
                Task<String> getTask = AsyncIO.getRunningLoop().createTask(q.get());
                a.await(AsyncIO.sleep(0));
                q.shutdown(false);
                assertThat(q.qsize()).isZero();
                a.await(q.join());
                a.await(AsyncIO.sleep(0));
                assertThat(getTask.isDone()).isTrue();
                assertThatThrownBy(() -> a.await(getTask)).isInstanceOf(QueueShutDown.class);
                assertAllRaiseShutdown(a, q);
            });
        }
    }

    @Test
    void shutdownOfANonEmptyQueue() { // test_shutdown_nonempty
        for (IntFunction<Queue<String>> kind : KINDS) {
            run(a -> {
                Queue<String> q = kind.apply(1);
                EventLoop loop = AsyncIO.getRunningLoop();
                q.putNowait("data");
                Task<Void> joinTask = loop.createTask(q.join());
                Task<Void> putTask = loop.createTask(q.put("data2"));
                a.await(AsyncIO.sleep(0));
                assertThat(putTask.isDone()).isFalse();
                q.shutdown(false);
                assertThat(q.qsize()).isEqualTo(1);
                a.await(AsyncIO.sleep(0));
                assertThat(putTask.isDone()).isTrue();
                assertThatThrownBy(() -> a.await(putTask)).isInstanceOf(QueueShutDown.class);
                assertThat(a.await(q.get())).isEqualTo("data");
                a.await(AsyncIO.sleep(0));
                assertThat(joinTask.isDone()).isFalse();
                assertAllRaiseShutdown(a, q);
                q.taskDone();
                a.await(AsyncIO.sleep(0));
                assertThat(joinTask.isDone()).isTrue();
                a.await(joinTask);
                assertThatThrownBy(q::taskDone).isInstanceOf(ValueError.class);
            });
        }
    }

    @Test
    void immediateShutdownDropsTheItemsAsDone() { // test_shutdown_immediate
        for (IntFunction<Queue<String>> kind : KINDS) {
            run(a -> {
                Queue<String> q = kind.apply(0);
                q.putNowait("data");
                Task<Void> joinTask = AsyncIO.getRunningLoop().createTask(q.join());
                q.shutdown(true);
                assertThat(q.qsize()).isZero();
                a.await(AsyncIO.sleep(0));
                assertThat(joinTask.isDone()).isTrue();
                a.await(joinTask);
                assertAllRaiseShutdown(a, q);
                assertThatThrownBy(q::taskDone).isInstanceOf(ValueError.class);
            });
        }
    }

    @Test
    void immediateShutdownKeepsTheTasksTakenButNotDone() { // test_shutdown_immediate_with_unfinished
        for (IntFunction<Queue<String>> kind : KINDS) {
            run(a -> {
                Queue<String> q = kind.apply(0);
                q.putNowait("data");
                q.putNowait("data");
                Task<Void> joinTask = AsyncIO.getRunningLoop().createTask(q.join());
                assertThat(a.await(q.get())).isEqualTo("data");
                q.shutdown(true);
                assertThat(q.qsize()).isZero();
                a.await(AsyncIO.sleep(0));
                assertThat(joinTask.isDone()).isFalse();
                assertAllRaiseShutdown(a, q);
                q.taskDone();
                assertThatThrownBy(q::taskDone).isInstanceOf(ValueError.class);
                a.await(AsyncIO.sleep(0));
                assertThat(joinTask.isDone()).isTrue();
                a.await(joinTask);
            });
        }
    }

    private static void assertAllRaiseShutdown(dev.aiobridge.coroutine.Awaiter a, Queue<String> q) {
        assertThatThrownBy(() -> a.await(q.put("data"))).isInstanceOf(QueueShutDown.class);
        assertThatThrownBy(() -> q.putNowait("data")).isInstanceOf(QueueShutDown.class);
        assertThatThrownBy(() -> a.await(q.get())).isInstanceOf(QueueShutDown.class);
        assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDown.class);
    }
}
