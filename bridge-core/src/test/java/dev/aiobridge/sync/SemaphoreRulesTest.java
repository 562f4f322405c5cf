package dev.aiobridge.sync;

import static dev.aiobridge.sync.LockRulesTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.TaskGroup;
import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Semaphore} and {@code BoundedSemaphore} rules, ported from CPython 3.13's {@code test_locks.py}
 * {@code SemaphoreTests} (FIFO order, cancellation before and after being woken, no hang, no lost permit).
 */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
// a guard against a hang, not a time
class SemaphoreRulesTest {

    private static Coroutine<Boolean> taker(Semaphore sem, List<Integer> result, int n) {
        return Coroutine.of(a -> {
            a.await(sem.acquire());
            result.add(n);
            return true;
        });
    }

    @Test
    void aZeroSemaphoreIsLockedAndANegativeOneRefused() { // test_initial_value_zero, test_semaphore_value
        assertThat(new Semaphore(0).isLocked()).isTrue();
        assertThatThrownBy(() -> new Semaphore(-1)).isInstanceOf(ValueError.class)
                .hasMessage("Semaphore initial value must be >= 0");
    }

    @Test
    void reprShowsValueAndWaiters() { // test_repr
        run(a -> {
            Semaphore sem = new Semaphore();
            assertThat(sem.toString()).isEqualTo("<Semaphore [unlocked, value:1]>");
            a.await(sem.acquire());
            assertThat(sem.toString()).isEqualTo("<Semaphore [locked]>");
            Task<Boolean> w1 = AsyncIO.createTask(sem.acquire());
            Task<Boolean> w2 = AsyncIO.createTask(sem.acquire());
            a.await(AsyncIO.sleep(0));
            assertThat(sem.toString()).isEqualTo("<Semaphore [locked, waiters:2]>");
            w1.cancel();
            w2.cancel();
            a.await(AsyncIO.gather(List.of(w1, w2), true));
            sem.release();
            assertThat(sem.toString()).isEqualTo("<Semaphore [unlocked, value:1]>");
        });
    }

    @Test
    void acquireCountsPermitsAndServesWaitersFifo() { // test_acquire
        run(a -> {
            Semaphore sem = new Semaphore(3);
            List<Integer> result = new ArrayList<>();
            assertThat(a.await(sem.acquire())).isTrue();
            assertThat(a.await(sem.acquire())).isTrue();
            assertThat(sem.isLocked()).isFalse();
            Task<Boolean> t1 = AsyncIO.createTask(taker(sem, result, 1));
            Task<Boolean> t2 = AsyncIO.createTask(taker(sem, result, 2));
            Task<Boolean> t3 = AsyncIO.createTask(taker(sem, result, 3));
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1);
            assertThat(sem.isLocked()).isTrue();
            assertThat(sem.toString()).contains("waiters:2");
            assertThat(sem.value).isZero();

            Task<Boolean> t4 = AsyncIO.createTask(taker(sem, result, 4));
            sem.release();
            sem.release();
            assertThat(sem.value).isZero();
            a.await(AsyncIO.sleep(0));
            assertThat(sem.value).isZero();
            assertThat(result).containsExactly(1, 2, 3); // FIFO: the two released permits went to t2, t3
            assertThat(sem.isLocked()).isTrue();
            assertThat(sem.toString()).contains("waiters:1");
            assertThat(t1.result()).isTrue();
            assertThat(t2.result()).isTrue();
            assertThat(t3.result()).isTrue();
            assertThat(t4.isDone()).isFalse();
            sem.release();
            a.await(t4);
            assertThat(result).containsExactly(1, 2, 3, 4);
        });
    }

    @Test
    void aCancelledAcquireLeavesNoPendingWaiter() { // test_acquire_cancel
        run(a -> {
            Semaphore sem = new Semaphore();
            a.await(sem.acquire());
            Task<Boolean> acquire = AsyncIO.createTask(sem.acquire());
            AsyncIO.getRunningLoop().callSoon(acquire::cancel);
            assertThatThrownBy(() -> a.await(acquire)).isInstanceOf(CancelledError.class);
            assertThat(sem.toString()).doesNotContain("waiters");
        });
    }

    @Test
    void waitersCancelledBeforeTheyWakeDoNotTakeThePermit() { // test_acquire_cancel_before_awoken
        run(a -> {
            Semaphore sem = new Semaphore(0);
            List<Task<Boolean>> t = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                t.add(AsyncIO.createTask(sem.acquire()));
            }
            a.await(AsyncIO.sleep(0));
            t.get(0).cancel();
            t.get(1).cancel();
            sem.release();
            a.await(AsyncIO.sleep(0));
            a.await(AsyncIO.sleep(0));
            assertThat(t.get(2).isDone()).isTrue();
            assertThat(t.get(3).isDone()).isFalse();
            t.get(2).cancel();
            t.get(3).cancel();
            a.await(AsyncIO.sleep(0));
        });
    }

    @Test
    void aCancelledFirstWaiterDoesNotHangTheNext() { // test_acquire_hang
        run(a -> {
            Semaphore sem = new Semaphore(0);
            Task<Boolean> t1 = AsyncIO.createTask(sem.acquire());
            Task<Boolean> t2 = AsyncIO.createTask(sem.acquire());
            a.await(AsyncIO.sleep(0));
            t1.cancel();
            sem.release();
            a.await(AsyncIO.sleep(0));
            a.await(AsyncIO.sleep(0));
            assertThat(sem.isLocked()).isTrue();
            assertThat(t2.isDone()).isTrue();
        });
    }

    @Test
    void aWaiterCancelledAfterBeingWokenGivesThePermitBack() { // test_acquire_no_hang
        run(a -> {
            Semaphore sem = new Semaphore(1);
            Task<?>[] t2 = new Task<?>[1];
            Task<Void> t1 = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                sem.with(b, () -> b.await(AsyncIO.sleep(0)));
                t2[0].cancel();
            }));
            t2[0] = AsyncIO.createTask(Coroutine.ofVoid(b -> sem.with(b, () -> {
                throw new AssertionError("must not get the semaphore");
            })));
            List<Object> results = a.await(AsyncIO.gather(List.of(t1, t2[0]), true));
            assertThat(results.get(0)).isNull();
            assertThat(results.get(1)).isInstanceOf(CancelledError.class);
            assertThat(a.await(AsyncIO.waitFor(sem.acquire(), 1.0))).isTrue();
        });
    }

    @Test
    void aBoundedSemaphoreRefusesAnExtraRelease() { // test_release_not_acquired
        BoundedSemaphore sem = new BoundedSemaphore();
        assertThatThrownBy(sem::release).isInstanceOf(ValueError.class)
                .hasMessage("BoundedSemaphore released too many times");
        run(a -> {
            BoundedSemaphore two = new BoundedSemaphore(2);
            a.await(two.acquire());
            two.release();
            assertThatThrownBy(two::release).isInstanceOf(ValueError.class);
            assertThat(two.toString()).isEqualTo("<BoundedSemaphore [unlocked, value:2]>");
        });
    }

    @Test
    void releaseWithoutWaitersUnlocks() { // test_release_no_waiters
        run(a -> {
            Semaphore sem = new Semaphore();
            a.await(sem.acquire());
            assertThat(sem.isLocked()).isTrue();
            sem.release();
            assertThat(sem.isLocked()).isFalse();
        });
    }

    @Test
    void releaseAndReacquireKeepsFifoOrder() { // test_acquire_fifo_order
        run(a -> {
            Semaphore sem = new Semaphore(1);
            List<String> result = new ArrayList<>();
            TaskGroup tg = new TaskGroup();
            tg.with(a, () -> {
                for (String tag : List.of("c1", "c2", "c3")) {
                    tg.createTask(Coroutine.ofVoid(b -> {
                        b.await(sem.acquire());
                        result.add(tag + "_1");
                        b.await(AsyncIO.sleep(0.01));
                        sem.release();
                        b.await(sem.acquire());
                        result.add(tag + "_2");
                        b.await(AsyncIO.sleep(0.01));
                        sem.release();
                    }));
                }
            });
            assertThat(result).containsExactly("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2");
        });
    }

    @Test
    void aReleaseInsideAHolderServesTheQueueFirst() { // test_acquire_fifo_order_2
        run(a -> {
            Semaphore sem = new Semaphore(1);
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = AsyncIO.createTask(taker(sem, result, 1));
            Task<Boolean> t2 = AsyncIO.createTask(Coroutine.of(b -> {
                b.await(sem.acquire());
                result.add(2);
                sem.release();
                b.await(sem.acquire());
                result.add(4);
                return true;
            }));
            Task<Boolean> t3 = AsyncIO.createTask(taker(sem, result, 3));
            a.await(AsyncIO.sleep(0));
            sem.release();
            sem.release();
            a.await(AsyncIO.gather(List.of(t1, t2, t3)));
            assertThat(result).containsExactly(1, 2, 3, 4);
        });
    }

    @Test
    void aCancelledWaiterIsSkipped() { // test_acquire_fifo_order_3
        run(a -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = AsyncIO.createTask(taker(sem, result, 1));
            Task<Boolean> t2 = AsyncIO.createTask(taker(sem, result, 2));
            Task<Boolean> t3 = AsyncIO.createTask(taker(sem, result, 3));
            a.await(AsyncIO.sleep(0));
            t1.cancel();
            a.await(AsyncIO.sleep(0));
            sem.release();
            sem.release();
            a.await(AsyncIO.gather(List.of(t1, t2, t3), true));
            assertThat(result).containsExactly(2, 3);
        });
    }

    @Test
    void oneAcquireWakesEveryWaiterThePermitsAllow() { // test_acquire_fifo_order_4
        run(a -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();
            List<Task<Boolean>> t4 = new ArrayList<>();
            Task<Boolean> t1 = AsyncIO.createTask(Coroutine.of(b -> {
                assertThat(sem.value).isZero();
                b.await(sem.acquire());
                assertThat(sem.value).as("every waiter was woken").isZero();
                t4.add(AsyncIO.createTask(Coroutine.of(c -> result.add(4))));
                result.add(1);
                return true;
            }));
            Task<Boolean> t2 = AsyncIO.createTask(Coroutine.of(b -> {
                sem.release();
                sem.release();
                sem.release();
                assertThat(sem.value).isEqualTo(2);
                assertThat(sem.isLocked()).as("c1 has not woken up yet").isTrue();
                b.await(sem.acquire());
                result.add(2);
                return true;
            }));
            Task<Boolean> t3 = AsyncIO.createTask(Coroutine.of(b -> {
                b.await(sem.acquire());
                assertThat(sem.isLocked()).isTrue();
                result.add(3);
                return true;
            }));
            a.await(AsyncIO.sleep(0));
            assertThat(sem.value).isEqualTo(2);
            assertThat(sem.toString()).contains("waiters:3");
            a.await(AsyncIO.sleep(0));
            a.await(AsyncIO.gather(List.of(t1, t2, t3, t4.get(0))));
            assertThat(result).containsExactly(1, 2, 3, 4);
        });
    }
}
