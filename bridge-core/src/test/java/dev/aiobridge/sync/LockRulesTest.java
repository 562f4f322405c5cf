package dev.aiobridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code Lock}'s rules, ported from CPython 3.13's {@code test_locks.py} {@code LockTests}. */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
// a guard against a hang, not a time
class LockRulesTest {

    static void run(Coroutine.VoidBody body) {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {
            runner.run(Coroutine.ofVoid(body));
        }
    }

    private static Coroutine<Boolean> acquirer(Lock lock, List<Integer> result, int n) {
        return Coroutine.of(a -> {
            if (a.await(lock.acquire())) {
                result.add(n);
            }
            return true;
        });
    }

    @Test
    void reprShowsStateAndWaiters() { // test_repr
        run(a -> {
            Lock lock = new Lock();
            assertThat(lock.toString()).isEqualTo("<Lock [unlocked]>");
            a.await(lock.acquire());
            assertThat(lock.toString()).isEqualTo("<Lock [locked]>");
            Task<Boolean> w = AsyncIO.createTask(lock.acquire());
            a.await(AsyncIO.sleep(0));
            assertThat(lock.toString()).isEqualTo("<Lock [locked, waiters:1]>");
            w.cancel();
            a.await(AsyncIO.gather(List.of(w), true));
            assertThat(lock.toString()).isEqualTo("<Lock [locked]>");
        });
    }

    @Test
    void acquireIsFifo() { // test_acquire
        run(a -> {
            Lock lock = new Lock();
            List<Integer> result = new ArrayList<>();
            assertThat(a.await(lock.acquire())).isTrue();
            Task<Boolean> t1 = AsyncIO.createTask(acquirer(lock, result, 1));
            Task<Boolean> t2 = AsyncIO.createTask(acquirer(lock, result, 2));
            a.await(AsyncIO.sleep(0));
            assertThat(result).isEmpty();

            lock.release();
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1);
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1);

            Task<Boolean> t3 = AsyncIO.createTask(acquirer(lock, result, 3));
            lock.release();
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1, 2);

            lock.release();
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1, 2, 3);
            for (Task<Boolean> t : List.of(t1, t2, t3)) {
                assertThat(t.isDone()).isTrue();
                assertThat(t.result()).isTrue();
            }
        });
    }

    @Test
    void aCancelledAcquireLeavesNoWaiter() { // test_acquire_cancel
        run(a -> {
            Lock lock = new Lock();
            assertThat(a.await(lock.acquire())).isTrue();
            Task<Boolean> task = AsyncIO.createTask(lock.acquire());
            AsyncIO.getRunningLoop().callSoon(task::cancel);
            assertThatThrownBy(() -> a.await(task)).isInstanceOf(CancelledError.class);
            assertThat(lock.toString()).isEqualTo("<Lock [locked]>");
        });
    }

    @Test
    void aReleaseRacingACancelMovesOnToTheNextWaiter() { // test_cancel_race
        run(a -> {
            Lock lock = new Lock();
            EventLoop loop = AsyncIO.getRunningLoop();
            Future<Void> fa = loop.createFuture();
            Task<Void> ta = AsyncIO.createTask(lockit(lock, fa));
            a.await(AsyncIO.sleep(0));
            assertThat(lock.isLocked()).isTrue();
            Task<Void> tb = AsyncIO.createTask(lockit(lock, null));
            a.await(AsyncIO.sleep(0));
            assertThat(lock.toString()).contains("waiters:1");
            Task<Void> tc = AsyncIO.createTask(lockit(lock, null));
            a.await(AsyncIO.sleep(0));
            assertThat(lock.toString()).contains("waiters:2");

            fa.setResult(null);
            tb.cancel();
            a.await(AsyncIO.sleep(0));
            assertThat(lock.isLocked()).isFalse();
            assertThat(ta.isDone()).isTrue();
            assertThat(tb.isCancelled()).isTrue();
            a.await(tc);
        });
    }

    private static Coroutine<Void> lockit(Lock lock, Future<Void> blocker) {
        return Coroutine.ofVoid(b -> {
            b.await(lock.acquire());
            try {
                if (blocker != null) {
                    b.await(blocker);
                }
            } finally {
                lock.release();
            }
        });
    }

    @Test
    void aCancelRacingAReleaseLetsOnlyOneTaskIn() { // test_cancel_release_race (bpo-32734)
        run(a -> {
            Lock lock = new Lock();
            AtomicInteger lockCount = new AtomicInteger();
            AtomicInteger callCount = new AtomicInteger();
            List<Task<Void>> tasks = new ArrayList<>();
            a.await(lock.acquire());
            for (int i = 0; i < 3; i++) {
                tasks.add(AsyncIO.createTask(Coroutine.ofVoid(b -> {
                    callCount.incrementAndGet();
                    b.await(lock.acquire());
                    lockCount.incrementAndGet();
                })));
            }
            a.await(AsyncIO.sleep(0));
            AsyncIO.getRunningLoop().callSoon(() -> {
                tasks.get(0).cancel();
                lock.release();
            });
            assertThatThrownBy(() -> a.await(tasks.get(0))).isInstanceOf(CancelledError.class);
            assertThat(lockCount).hasValue(1);
            assertThat(callCount).hasValue(3);
            assertThat(tasks.get(0).isCancelled()).isTrue();
            assertThat(tasks.get(1).isDone()).isTrue();
            tasks.get(2).cancel();
            a.await(AsyncIO.sleep(0));
            assertThat(tasks.get(2).isCancelled()).isTrue();
        });
    }

    @Test
    void aWokenWaiterCancelledWakesTheNext() { // test_finished_waiter_cancelled
        run(a -> {
            Lock lock = new Lock();
            a.await(lock.acquire());
            Task<Boolean> tb = AsyncIO.createTask(lock.acquire());
            a.await(AsyncIO.sleep(0));
            assertThat(lock.toString()).contains("waiters:1");
            Task<Boolean> tc = AsyncIO.createTask(lock.acquire());
            tb.cancel();
            lock.release();
            a.await(AsyncIO.sleep(0));
            assertThat(lock.isLocked()).isTrue();
            assertThat(tb.isCancelled()).isTrue();
            assertThat(a.await(tc)).isTrue();
        });
    }

    @Test
    void releasingAFreeLockIsARuntimeError() { // test_release_not_acquired
        Lock lock = new Lock();
        assertThatThrownBy(lock::release).isInstanceOf(RuntimeError.class).hasMessage("Lock is not acquired.");
    }

    @Test
    void releaseWithoutWaitersFreesIt() { // test_release_no_waiters
        run(a -> {
            Lock lock = new Lock();
            a.await(lock.acquire());
            assertThat(lock.isLocked()).isTrue();
            lock.release();
            assertThat(lock.isLocked()).isFalse();
        });
    }

    @Test
    void asyncWithHoldsItAndReleasesOnError() { // test_context_manager
        run(a -> {
            Lock lock = new Lock();
            lock.with(a, () -> assertThat(lock.isLocked()).isTrue());
            assertThat(lock.isLocked()).isFalse();
            assertThatThrownBy(() -> lock.with(a, () -> {
                throw new IllegalArgumentException("in block");
            })).hasMessage("in block");
            assertThat(lock.isLocked()).isFalse();
        });
    }
}
