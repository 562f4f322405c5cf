package dev.aiobridge.sync;

import static dev.aiobridge.sync.LockRulesTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Event}'s rules, ported from CPython 3.13's {@code test_locks.py} {@code EventTests}. */
class EventRulesTest {

    private static Coroutine<Boolean> waiter(Event ev, List<Integer> result, int n) {
        return Coroutine.of(a -> {
            if (ev.await(a)) {
                result.add(n);
            }
            return true;
        });
    }

    @Test
    void reprShowsStateAndWaiters() { // test_repr
        run(a -> {
            Event ev = new Event();
            assertThat(ev.toString()).isEqualTo("<Event [unset]>");
            Task<Boolean> w = AsyncIO.createTask(ev.await());
            a.await(AsyncIO.sleep(0));
            assertThat(ev.toString()).isEqualTo("<Event [unset, waiters:1]>");
            ev.set();
            assertThat(ev.toString()).startsWith("<Event [set");
            a.await(w);
            assertThat(ev.toString()).isEqualTo("<Event [set]>");
        });
    }

    @Test
    void setWakesEveryWaiterInOrder() { // test_wait
        run(a -> {
            Event ev = new Event();
            assertThat(ev.isSet()).isFalse();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = AsyncIO.createTask(waiter(ev, result, 1));
            Task<Boolean> t2 = AsyncIO.createTask(waiter(ev, result, 2));
            a.await(AsyncIO.sleep(0));
            assertThat(result).isEmpty();
            Task<Boolean> t3 = AsyncIO.createTask(waiter(ev, result, 3));
            ev.set();
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(3, 1, 2); // t3 finds it set at its first step
            for (Task<Boolean> t : List.of(t1, t2, t3)) {
                assertThat(t.result()).isTrue();
            }
        });
    }

    @Test
    void waitOnASetEventReturnsTrueAtOnce() { // test_wait_on_set
        run(a -> {
            Event ev = new Event();
            ev.set();
            assertThat(a.await(ev.await())).isTrue();
        });
    }

    @Test
    void aCancelledWaitLeavesNoWaiter() { // test_wait_cancel
        run(a -> {
            Event ev = new Event();
            Task<Boolean> wait = AsyncIO.createTask(ev.await());
            AsyncIO.getRunningLoop().callSoon(wait::cancel);
            assertThatThrownBy(() -> a.await(wait)).isInstanceOf(CancelledError.class);
            assertThat(ev.toString()).isEqualTo("<Event [unset]>");
        });
    }

    @Test
    void clearUnsets() { // test_clear
        Event ev = new Event();
        assertThat(ev.isSet()).isFalse();
        ev.set();
        assertThat(ev.isSet()).isTrue();
        ev.clear();
        assertThat(ev.isSet()).isFalse();
    }

    @Test
    void aWaiterWokenBeforeAClearStillReturns() { // test_clear_with_waiters
        run(a -> {
            Event ev = new Event();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t = AsyncIO.createTask(waiter(ev, result, 1));
            a.await(AsyncIO.sleep(0));
            assertThat(result).isEmpty();
            ev.set();
            ev.clear();
            assertThat(ev.isSet()).isFalse();
            ev.set();
            ev.set();
            assertThat(ev.toString()).contains("waiters:1");
            a.await(AsyncIO.sleep(0));
            assertThat(result).containsExactly(1);
            assertThat(ev.toString()).doesNotContain("waiters");
            assertThat(t.result()).isTrue();
        });
    }
}
