package dev.aiobridge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.Timeout;
import dev.aiobridge.asyncio.TimeoutError;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code Condition}'s rules (CPython 3.13 {@code locks.py}), ported from {@code test_locks.py}'s
 * {@code ConditionTests} plus the mutual-exclusion rule: {@code wait()} returns only once the waiter holds
 * the lock again, also when it was woken while the notifier still held it, and also when cancelled.
 */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
// a guard against a hang, not a time
class ConditionRulesTest {

    private static void run(Coroutine.VoidBody body) {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {
            runner.run(Coroutine.ofVoid(body));
        }
    }

    /** c(n): acquire, wait, append n when woken; with {@code release}, release afterwards. */
    private static Coroutine<Boolean> waiter(Condition cond, List<Integer> result, int n, boolean release) {
        return Coroutine.of(a -> {
            a.await(cond.acquire());
            if (cond.await(a)) {
                result.add(n);
                if (release) {
                    cond.release();
                }
            }
            return true;
        });
    }

    @Test
    void waitReturnsOnlyWithTheLockHeldAgain() { // test_wait
        run(a -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = AsyncIO.createTask(waiter(cond, result, 1, false));
            Task<Boolean> t2 = AsyncIO.createTask(waiter(cond, result, 2, false));
            Task<Boolean> t3 = AsyncIO.createTask(waiter(cond, result, 3, false));
            a.await(AsyncIO.sleep(0));
            assertThat(result).isEmpty();
            assertThat(cond.isLocked()).isFalse();

            assertThat(a.await(cond.acquire())).isTrue();
            cond.signal();
            a.await(AsyncIO.sleep(0));
            assertThat(result).as("woken while the notifier holds the lock: still waiting for it").isEmpty();
            assertThat(cond.isLocked()).isTrue();

            cond.release();
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1);
            assertThat(cond.isLocked()).isTrue();

            cond.signal(2);
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1);
            assertThat(cond.isLocked()).isTrue();

            cond.release(); // on behalf of t1, which returned holding the lock
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1, 2);
            assertThat(cond.isLocked()).isTrue();

            cond.release();
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1, 2, 3);
            assertThat(cond.isLocked()).isTrue();
            for (Task<Boolean> t : List.of(t1, t2, t3)) {
                assertThat(t.isDone()).isTrue();
                assertThat(t.result()).isTrue();
            }
        });
    }

    @Test
    void aWaiterWokenWhileTheNotifierHoldsTheLockKeepsMutualExclusion() {
        run(a -> {
            Condition cond = new Condition();
            List<String> log = new ArrayList<>();
            Task<Void> w = AsyncIO.createTask(Coroutine.ofVoid(b -> cond.with(b, () -> {
                cond.await(b);
                log.add("waiter in, notifier out: " + !log.contains("notifier in"));
            })));
            a.await(AsyncIO.sleep(0));
            cond.with(a, () -> {
                log.add("notifier in");
                cond.signal();
                a.await(AsyncIO.sleep(0)); // the waiter is woken: it must wait here for the lock
                a.await(AsyncIO.sleep(0));
                log.remove("notifier in");
                log.add("notifier out");
            });
            a.await(w); // a double release would raise "Lock is not acquired." in w
            assertThat(log).containsExactly("notifier out", "waiter in, notifier out: true");
            assertThat(cond.isLocked()).isFalse();
        });
    }

    @Test
    void waitCancelledReacquiresTheLock() { // test_wait_cancel
        run(a -> {
            Condition cond = new Condition();
            a.await(cond.acquire());
            Task<Boolean> wait = AsyncIO.createTask(cond.await());
            AsyncIO.getRunningLoop().callSoon(wait::cancel);
            assertThatThrownBy(() -> a.await(wait)).isInstanceOf(CancelledError.class);
            assertThat(cond.toString()).doesNotContain("waiters");
            assertThat(cond.isLocked()).isTrue();
        });
    }

    @Test
    void waitCancelledWhileTheLockIsContested() { // test_wait_cancel_contested
        run(a -> {
            Condition cond = new Condition();
            a.await(cond.acquire());
            Task<Boolean> waitTask = AsyncIO.createTask(cond.await());
            a.await(AsyncIO.sleep(0));
            assertThat(cond.isLocked()).isFalse();

            a.await(cond.acquire());
            assertThat(cond.isLocked()).isTrue();
            cond.signal();
            EventLoop loop = AsyncIO.getRunningLoop();
            loop.callSoon(waitTask::cancel);
            loop.callSoon(cond::release);
            try {
                a.await(waitTask);
            } catch (CancelledError e) {
                // may happen: the cancel arrives while the waiter re-acquires
            }
            assertThat(cond.isLocked()).as("the waiter holds the lock again, cancelled or not").isTrue();
        });
    }

    @Test
    void waitCancelledAfterNotifyEndsCancelled() { // test_wait_cancel_after_notify (bpo-32841)
        run(a -> {
            Condition cond = new Condition();
            AtomicBoolean waited = new AtomicBoolean();
            Task<Void> waiter = AsyncIO.createTask(Coroutine.ofVoid(b -> cond.with(b, () -> {
                waited.set(true);
                cond.await(b);
            })));
            a.await(AsyncIO.sleep(0));
            a.await(cond.acquire());
            cond.signal();
            a.await(AsyncIO.sleep(0)); // the waiter gets to its re-acquire
            waiter.cancel();
            a.await(AsyncIO.sleep(0));
            cond.release();
            a.await(AsyncIO.sleep(0));
            assertThat(waiter.isCancelled()).isTrue();
            assertThat(waited).isTrue();
            assertThat(cond.isLocked()).isFalse();
        });
    }

    @Test
    void waitNeedsTheLock() { // test_wait_unacquired
        run(a -> {
            Condition cond = new Condition();
            assertThatThrownBy(() -> a.await(cond.await()))
                    .isInstanceOf(RuntimeError.class).hasMessage("cannot wait on un-acquired lock");
        });
    }

    @Test
    void waitForWaitsUntilThePredicateHolds() { // test_wait_for
        run(a -> {
            Condition cond = new Condition();
            AtomicBoolean presult = new AtomicBoolean();
            List<Integer> result = new ArrayList<>();
            AtomicInteger checks = new AtomicInteger();
            Task<Boolean> t = AsyncIO.createTask(Coroutine.of(b -> {
                b.await(cond.acquire());
                if (cond.waitFor(b, () -> {
                    checks.incrementAndGet();
                    return presult.get();
                })) {
                    result.add(1);
                    cond.release();
                }
                return true;
            }));
            a.await(AsyncIO.sleep(0));
            assertThat(result).isEmpty();

            a.await(cond.acquire());
            cond.signal();
            cond.release();
            a.await(AsyncIO.sleep(0));
            assertThat(result).isEmpty();
            assertThat(checks).hasValue(2);

            presult.set(true);
            a.await(cond.acquire());
            cond.signal();
            cond.release();
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1);
            assertThat(checks).hasValue(3);
            assertThat(t.isDone()).isTrue();
            assertThat(t.result()).isTrue();
        });
    }

    @Test
    void waitForATruePredicateNeedsNoLock() { // test_wait_for_unacquired
        run(a -> {
            Condition cond = new Condition();
            assertThat(a.await(cond.waitFor(() -> true))).isTrue();
            assertThatThrownBy(() -> a.await(cond.waitFor(() -> false)))
                    .isInstanceOf(RuntimeError.class).hasMessage("cannot wait on un-acquired lock");
        });
    }

    @Test
    void notifyWakesAtMostN() { // test_notify
        run(a -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            List<Task<Boolean>> tasks = List.of(
                    AsyncIO.createTask(waiter(cond, result, 1, true)),
                    AsyncIO.createTask(waiter(cond, result, 2, true)),
                    AsyncIO.createTask(waiter(cond, result, 3, true)));
            a.await(AsyncIO.sleep(0));
            assertThat(result).isEmpty();

            a.await(cond.acquire());
            cond.signal(1);
            cond.release();
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1);

            a.await(cond.acquire());
            cond.signal(1);
            cond.signal(2048);
            cond.release();
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1, 2, 3);
            for (Task<Boolean> t : tasks) {
                assertThat(t.result()).isTrue();
            }
        });
    }

    @Test
    void notifyWithoutWaitersWakesNobodyLater() {
        run(a -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            a.await(cond.acquire());
            cond.signal(5); // nobody waits: nothing is remembered
            cond.release();
            Task<Boolean> t = AsyncIO.createTask(waiter(cond, result, 1, true));
            a.await(AsyncIO.sleep(0));
            a.await(AsyncIO.sleep(0));
            assertThat(result).isEmpty();
            assertThat(t.isDone()).isFalse();
            cond.with(a, () -> cond.signal());
            a.await(t);
            assertThat(result).containsExactly(1);
        });
    }

    @Test
    void notifyAllWakesEveryWaiterInOrder() { // test_notify_all
        run(a -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = AsyncIO.createTask(waiter(cond, result, 1, true));
            Task<Boolean> t2 = AsyncIO.createTask(waiter(cond, result, 2, true));
            a.await(AsyncIO.sleep(0));
            assertThat(result).isEmpty();

            a.await(cond.acquire());
            cond.signalAll();
            cond.release();
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1, 2);
            assertThat(t1.result()).isTrue();
            assertThat(t2.result()).isTrue();
        });
    }

    @Test
    void notifyNeedsTheLock() { // test_notify_unacquired, test_notify_all_unacquired
        Condition cond = new Condition();
        assertThatThrownBy(cond::signal)
                .isInstanceOf(RuntimeError.class).hasMessage("cannot notify on un-acquired lock");
        assertThatThrownBy(() -> cond.signal(2))
                .isInstanceOf(RuntimeError.class).hasMessage("cannot notify on un-acquired lock");
        assertThatThrownBy(cond::signalAll)
                .isInstanceOf(RuntimeError.class).hasMessage("cannot notify on un-acquired lock");
    }

    @Test
    void reprShowsLockStateAndWaiters() { // test_repr
        run(a -> {
            Condition cond = new Condition();
            assertThat(cond.toString()).isEqualTo("<Condition [unlocked]>");
            Task<Void> w1 = AsyncIO.createTask(Coroutine.ofVoid(b -> cond.with(b, () -> cond.await(b))));
            Task<Void> w2 = AsyncIO.createTask(Coroutine.ofVoid(b -> cond.with(b, () -> cond.await(b))));
            a.await(AsyncIO.sleep(0));
            assertThat(cond.toString()).isEqualTo("<Condition [unlocked, waiters:2]>");
            a.await(cond.acquire());
            assertThat(cond.toString()).isEqualTo("<Condition [locked, waiters:2]>");
            w1.cancel();
            w2.cancel();
            cond.release();
            a.await(AsyncIO.gather(List.of(w1, w2), true));
            assertThat(cond.toString()).isEqualTo("<Condition [unlocked]>");
        });
    }

    @Test
    void asyncWithHoldsTheLockAndAnExplicitLockIsShared() { // test_context_manager, test_explicit_lock
        run(a -> {
            Lock lock = new Lock();
            Condition cond = new Condition(lock);
            assertThat(cond.isLocked()).isFalse();
            cond.with(a, () -> {
                assertThat(lock.isLocked()).isTrue();
                assertThat(cond.isLocked()).isTrue();
            });
            assertThat(lock.isLocked()).isFalse();
            lock.with(a, () -> assertThat(cond.isLocked()).isTrue());
            assertThat(cond.isLocked()).isFalse();
        });
    }

    @Test
    void aConditionBoundToAnotherLoopIsRefusedAndKeepsTheLock() { // test_ambiguous_loops
        Condition cond = new Condition();
        run(a -> { // binds cond to this loop
            a.await(cond.acquire());
            Task<Boolean> w = AsyncIO.createTask(cond.await());
            a.await(AsyncIO.sleep(0));
            w.cancel();
            assertThatThrownBy(() -> a.await(w)).isInstanceOf(CancelledError.class);
            cond.release();
        });
        run(a -> cond.with(a, () -> {
            assertThatThrownBy(() -> cond.await(a))
                    .isInstanceOf(RuntimeError.class).hasMessageContaining("is bound to a different event loop");
            assertThat(cond.isLocked()).as("wait re-acquires even after that error").isTrue();
        }));
    }

    @Test
    void aTimeoutWhileWaitingLeavesTheLockHeld() { // test_timeout_in_block
        run(a -> {
            Condition cond = new Condition();
            cond.with(a, () -> {
                assertThatThrownBy(() -> a.await(AsyncIO.waitFor(cond.await(), 0.5)))
                        .isInstanceOf(TimeoutError.class);
                assertThat(cond.isLocked()).isTrue();
            });
            assertThat(cond.isLocked()).isFalse();
        });
    }

    @Test
    void aCancelWhileWaitingIsReRaisedUnchanged() { // test_cancelled_error_wakeup
        run(a -> {
            Condition cond = new Condition();
            AtomicReference<CancelledError> raised = new AtomicReference<>();
            Task<Void> task = AsyncIO.createTask(Coroutine.ofVoid(b -> cond.with(b, () -> {
                try {
                    cond.waitFor(b, () -> false);
                } catch (CancelledError e) {
                    raised.set(e);
                    assertThat(cond.isLocked()).isTrue();
                    throw e;
                }
            })));
            a.await(AsyncIO.sleep(0));
            task.cancel("foo");
            CancelledError err = catchCancel(a, task);
            assertThat(err).hasMessage("foo").isSameAs(raised.get());
            assertThat(cond.isLocked()).isFalse();
        });
    }

    @Test
    void aCancelWhileReacquiringIsReRaisedAfterTheLockIsHeld() { // test_cancelled_error_re_aquire
        run(a -> {
            Condition cond = new Condition();
            AtomicBoolean wake = new AtomicBoolean();
            AtomicReference<CancelledError> raised = new AtomicReference<>();
            AtomicBoolean heldWhenRaised = new AtomicBoolean();
            Task<Void> task = AsyncIO.createTask(Coroutine.ofVoid(b -> cond.with(b, () -> {
                try {
                    cond.waitFor(b, wake::get);
                } catch (CancelledError e) {
                    raised.set(e);
                    heldWhenRaised.set(cond.isLocked());
                    throw e;
                }
            })));
            a.await(AsyncIO.sleep(0));
            a.await(cond.acquire());
            wake.set(true);
            cond.signal();
            a.await(AsyncIO.sleep(0)); // the task now waits to re-acquire the lock
            task.cancel("foo");
            cond.release();
            CancelledError err = catchCancel(a, task);
            assertThat(err).hasMessage("foo").isSameAs(raised.get());
            assertThat(heldWhenRaised).isTrue();
            assertThat(cond.isLocked()).isFalse();
        });
    }

    @Test
    void aCancelRacingANotifyLosesNoWakeup() { // test_cancelled_wakeup
        cancelRacingNotify(false);
    }

    @Test
    void aCancelWhileRelockingLosesNoWakeup() { // test_cancelled_wakeup_relock
        cancelRacingNotify(true);
    }

    private static void cancelRacingNotify(boolean letItRelock) {
        run(a -> {
            Condition cond = new Condition();
            AtomicInteger state = new AtomicInteger();
            List<Task<Void>> consumers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                consumers.add(AsyncIO.createTask(Coroutine.ofVoid(b -> cond.with(b, () -> {
                    while (true) {
                        cond.waitFor(b, () -> state.get() != 0);
                        if (state.get() < 0) {
                            return;
                        }
                        state.decrementAndGet();
                    }
                }))));
            }
            a.await(AsyncIO.sleep(0));
            cond.with(a, () -> {
                state.incrementAndGet();
                cond.signal(1);
                if (letItRelock) {
                    a.await(AsyncIO.sleep(0));
                }
                consumers.get(0).cancel();
                try {
                    Timeout.after(0.01).with(a, () -> cond.waitFor(a, () -> state.get() == 0));
                } catch (TimeoutError e) {
                    // checked below
                }
                assertThat(state).as("the notification was passed on, not lost").hasValue(0);
                state.set(-1);
                cond.signalAll();
            });
            a.await(consumers.get(1));
            assertThat(consumers.get(0).isCancelled()).isTrue();
        });
    }

    @Test
    void aFailingWaiterPassesItsNotificationOn() {
        run(a -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int n = 1; n <= 2; n++) {
                int id = n;
                tasks.add(AsyncIO.createTask(Coroutine.ofVoid(b -> cond.with(b, () -> {
                    cond.await(b);
                    result.add(id);
                }))));
            }
            Task<Void> first = tasks.get(0);
            Task<Void> second = tasks.get(1);
            a.await(AsyncIO.sleep(0));
            cond.with(a, () -> {
                cond.signal(1);
                first.cancel(); // notified, then cancelled before it ran
            });
            a.await(AsyncIO.gather(List.of(first, second), true));
            assertThat(first.isCancelled()).isTrue();
            assertThat(result).containsExactly(2);
            assertThat(cond.isLocked()).isFalse();
        });
    }

    private static CancelledError catchCancel(Awaiter a, Task<?> task) {
        try {
            a.await(task);
        } catch (CancelledError e) {
            return e;
        }
        throw new AssertionError("the task was not cancelled");
    }
}
