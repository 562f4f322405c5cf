package dev.aiobridge.sync;

import static dev.aiobridge.sync.LockRulesTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code Barrier}'s rules, ported from CPython 3.13's {@code test_locks.py} {@code BarrierTests}. */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
// a guard against a hang, not a time
class BarrierRulesTest {
    private static final int N = 5;

    /** Runs {@code n} tasks of {@code body} and gathers their results. */
    private static <T> List<Object> gatherTasks(Awaiter a, int n, Coroutine.Body<T> body) {
        List<Task<T>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(AsyncIO.createTask(Coroutine.of(body)));
        }
        return a.await(AsyncIO.gather(List.copyOf(tasks), false));
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void reprFollowsTheStates() { // test_repr
        run(a -> {
            Barrier barrier = new Barrier(N);
            assertThat(barrier.toString()).isEqualTo("<Barrier [filling, waiters:0/5]>");
            List<Task<Integer>> waiters = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                waiters.add(AsyncIO.createTask(barrier.await()));
            }
            a.await(AsyncIO.sleep(0));
            assertThat(barrier.toString()).isEqualTo("<Barrier [filling, waiters:2/5]>");
            for (int i = barrier.waiting(); i < barrier.parties(); i++) {
                waiters.add(AsyncIO.createTask(barrier.await()));
            }
            a.await(AsyncIO.sleep(0));
            assertThat(barrier.toString()).contains("draining");
            for (int i = 0; i < 2; i++) {
                waiters.add(AsyncIO.createTask(barrier.await()));
            }
            a.await(AsyncIO.sleep(0));
            a.await(barrier.reset());
            assertThat(barrier.toString()).contains("resetting");
            for (int i = 0; i < 2; i++) {
                waiters.add(AsyncIO.createTask(barrier.await()));
            }
            a.await(AsyncIO.sleep(0));
            a.await(barrier.abort());
            assertThat(barrier.toString()).isEqualTo("<Barrier [broken]>");
            assertThat(barrier.isBroken()).isTrue();
            a.await(AsyncIO.gather(List.copyOf(waiters), true));
        });
    }

    @Test
    void partiesMustBePositive() { // test_barrier_parties
        assertThatThrownBy(() -> new Barrier(0)).isInstanceOf(ValueError.class).hasMessage("parties must be > 0");
        assertThatThrownBy(() -> new Barrier(-4)).isInstanceOf(ValueError.class);
        assertThat(new Barrier(N).parties()).isEqualTo(N);
    }

    @Test
    void asyncWithWaitsAtTheBarrier() { // test_context_manager
        run(a -> {
            Barrier barrier = new Barrier(3);
            List<Integer> results = Collections.synchronizedList(new ArrayList<>());
            gatherTasks(a, 3, b -> {
                int i = barrier.await(b); // async with barrier as i
                results.add(i);
                return null;
            });
            assertThat(results).containsExactlyInAnyOrderElementsOf(range(3));
            assertThat(barrier.waiting()).isZero();
            assertThat(barrier.isBroken()).isFalse();
            List<String> inside = new ArrayList<>();
            gatherTasks(a, 3, b -> barrier.with(b, () -> inside.add("in")));
            assertThat(inside).hasSize(3);
        });
    }

    @Test
    void oneParty() { // test_filling_one_task, test_filling_one_task_twice
        run(a -> {
            Barrier barrier = new Barrier(1);
            assertThat(barrier.with(a, () -> true)).isTrue();
            Task<Integer> t1 = AsyncIO.createTask(barrier.await());
            a.await(AsyncIO.sleep(0));
            assertThat(barrier.waiting()).isZero();
            Task<Integer> t2 = AsyncIO.createTask(barrier.await());
            a.await(AsyncIO.sleep(0));
            assertThat(t1.result()).isEqualTo(t2.result()).isZero();
            assertThat(barrier.isBroken()).isFalse();
        });
    }

    @Test
    void fillingTaskByTask() { // test_filling_task_by_task
        run(a -> {
            Barrier barrier = new Barrier(3);
            Task<Integer> t1 = AsyncIO.createTask(barrier.await());
            a.await(AsyncIO.sleep(0));
            assertThat(barrier.waiting()).isEqualTo(1);
            assertThat(barrier.toString()).contains("filling");
            Task<Integer> t2 = AsyncIO.createTask(barrier.await());
            a.await(AsyncIO.sleep(0));
            assertThat(barrier.waiting()).isEqualTo(2);
            Task<Integer> t3 = AsyncIO.createTask(barrier.await());
            a.await(AsyncIO.gather(List.of(t1, t2, t3)));
            assertThat(List.of(t1.result(), t2.result(), t3.result())).containsExactly(0, 1, 2);
            assertThat(barrier.waiting()).isZero();
            assertThat(barrier.isBroken()).isFalse();
        });
    }

    @Test
    void waitingTwiceReturnsEveryIndexEachRound() { // test_filling_tasks_wait_twice, ..._check_return_value
        run(a -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            List<Object> second = gatherTasks(a, N, b -> {
                barrier.await(b);
                results.add(true);
                int i = barrier.await(b);
                results.add(false);
                return i;
            });
            assertThat(results).hasSize(2 * N);
            assertThat(results.subList(0, N)).containsOnly(true); // nobody passes round 2 before all passed round 1
            assertThat(second).containsExactlyInAnyOrderElementsOf(range(N));
            assertThat(barrier.waiting()).isZero();
        });
    }

    @Test
    void theLastTaskOutSeesTheBarrierFillingAgain() { // test_draining_state
        run(a -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            gatherTasks(a, N, b -> {
                barrier.await(b);
                results.add(barrier.toString().contains("draining"));
                return null;
            });
            assertThat(results).hasSize(N);
            assertThat(results.subList(0, N - 1)).containsOnly(true);
            assertThat(results.get(N - 1)).isFalse();
        });
    }

    @Test
    void tasksArrivingWhileItDrainsWaitForTheNextRound() { // test_blocking_tasks_while_draining
        run(a -> {
            Barrier barrier = new Barrier(N);
            Barrier others = new Barrier(N - 2);
            AtomicInteger rewait = new AtomicInteger(2);
            List<Object> done = gatherTasks(a, N, b -> {
                barrier.await(b);
                if (rewait.getAndDecrement() > 0) {
                    barrier.await(b);
                } else {
                    others.await(b);
                    barrier.await(b);
                }
                return "done";
            });
            assertThat(done).containsOnly("done").hasSize(N);
        });
    }

    @Test
    void aCancelledWaiterLeavesTheCount() { // test_filling_tasks_cancel_one
        run(a -> {
            Barrier barrier = new Barrier(3);
            List<Boolean> results = new ArrayList<>();
            Coroutine.Body<Void> coro = b -> {
                barrier.await(b);
                results.add(true);
                return null;
            };
            Task<Void> t1 = AsyncIO.createTask(Coroutine.of(coro));
            a.await(AsyncIO.sleep(0));
            assertThat(barrier.waiting()).isEqualTo(1);
            Task<Void> t2 = AsyncIO.createTask(Coroutine.of(coro));
            a.await(AsyncIO.sleep(0));
            assertThat(barrier.waiting()).isEqualTo(2);
            t1.cancel();
            a.await(AsyncIO.sleep(0));
            assertThat(barrier.waiting()).isEqualTo(1);
            assertThatThrownBy(() -> a.await(t1)).isInstanceOf(CancelledError.class);
            Task<Void> t3 = AsyncIO.createTask(Coroutine.of(coro));
            a.await(AsyncIO.sleep(0));
            assertThat(barrier.waiting()).isEqualTo(2);
            Task<Void> t4 = AsyncIO.createTask(Coroutine.of(coro));
            a.await(AsyncIO.gather(List.of(t2, t3, t4)));
            assertThat(results).hasSize(3);
            assertThat(barrier.waiting()).isZero();
            assertThat(barrier.isBroken()).isFalse();
        });
    }

    @Test
    void resetBreaksTheWaitersAndFillsAgain() { // test_reset_barrier, test_reset_barrier_while_tasks_waiting
        run(a -> {
            Barrier one = new Barrier(1);
            AsyncIO.createTask(one.reset());
            a.await(AsyncIO.sleep(0));
            assertThat(one.waiting()).isZero();
            assertThat(one.isBroken()).isFalse();

            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < N - 1; i++) {
                tasks.add(AsyncIO.createTask(Coroutine.ofVoid(b -> {
                    try {
                        barrier.await(b);
                    } catch (BrokenBarrierError e) {
                        results.add(true);
                    }
                })));
            }
            a.await(AsyncIO.sleep(0));
            AsyncIO.createTask(barrier.reset());
            a.await(AsyncIO.gather(List.copyOf(tasks)));
            assertThat(results).hasSize(N - 1);
            assertThat(barrier.waiting()).isZero();
            assertThat(barrier.toString()).doesNotContain("resetting");
            assertThat(barrier.isBroken()).isFalse();
        });
    }

    @Test
    void afterAResetTheBrokenWaitersCanFillItAgain() { // test_reset_barrier_while_tasks_waiting_and_waiting_again
        run(a -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < N - 1; i++) {
                tasks.add(AsyncIO.createTask(Coroutine.ofVoid(b -> {
                    try {
                        barrier.await(b);
                    } catch (BrokenBarrierError e) {
                        results1.add(true);
                    } finally {
                        barrier.await(b);
                        results2.add(true);
                    }
                })));
            }
            AsyncIO.createTask(barrier.reset());
            a.await(AsyncIO.sleep(0));
            AsyncIO.createTask(Coroutine.ofVoid(b -> barrier.with(b, () -> results2.add(true))));
            a.await(AsyncIO.gather(List.copyOf(tasks)));
            assertThat(barrier.isBroken()).isFalse();
            assertThat(results1).hasSize(N - 1);
            assertThat(results2).hasSize(N);
            assertThat(barrier.waiting()).isZero();
        });
    }

    @Test
    void abortBreaksItForGood() { // test_abort_barrier, test_abort_barrier_when_exception
        run(a -> {
            Barrier one = new Barrier(1);
            AsyncIO.createTask(one.abort());
            a.await(AsyncIO.sleep(0));
            assertThat(one.waiting()).isZero();
            assertThat(one.isBroken()).isTrue();
            assertThatThrownBy(() -> one.await(a)).isInstanceOf(BrokenBarrierError.class).hasMessage("Barrier aborted");

            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            gatherTasks(a, N, b -> {
                try {
                    int i = barrier.await(b);
                    if (i == N / 2) {
                        throw new IllegalStateException("failing party");
                    }
                    barrier.with(b, () -> results1.add(true));
                } catch (BrokenBarrierError e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    barrier.abort(b);
                }
                return null;
            });
            assertThat(barrier.isBroken()).isTrue();
            assertThat(results1).isEmpty();
            assertThat(results2).hasSize(N - 1);
            assertThat(barrier.waiting()).isZero();
        });
    }

    @Test
    void anAbortedBarrierCanBeResetAndUsedAgain() { // test_abort_barrier_when_exception_then_resetting
        run(a -> {
            Barrier barrier1 = new Barrier(N);
            Barrier barrier2 = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();
            gatherTasks(a, N, b -> {
                try {
                    int i = barrier1.await(b);
                    if (i == N / 2) {
                        throw new IllegalStateException("failing party");
                    }
                    barrier1.await(b);
                    results1.add(true);
                } catch (BrokenBarrierError e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    barrier1.abort(b);
                }
                int i = barrier2.await(b);
                if (i == N / 2) {
                    barrier1.reset(b);
                }
                barrier2.await(b);
                barrier1.await(b);
                results3.add(true);
                return null;
            });
            assertThat(barrier1.isBroken()).isFalse();
            assertThat(results1).isEmpty();
            assertThat(results2).hasSize(N - 1);
            assertThat(results3).hasSize(N);
            assertThat(barrier1.waiting()).isZero();
        });
    }
}
