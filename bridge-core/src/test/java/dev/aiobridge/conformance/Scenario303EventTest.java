package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.sync.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 303_event: set() wakes all waiters in order; wait() on a set event does not suspend. {@code wait()} is {@code await()}. */
class Scenario303EventTest {
    private final Trace t = new Trace();

    private Coroutine<Void> waiter(Event ev, String name) {
        return Coroutine.ofVoid(a -> {
            t.print(name, "waiting");
            boolean r = a.await(ev.await());
            t.print(name, "woke, wait() ->", r);
        });
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                Event ev = new Event();
                t.print("is_set:", ev.isSet());
                List<Task<Void>> ts = new ArrayList<>();
                for (String n : List.of("A", "B", "C")) {
                    ts.add(AsyncIO.createTask(waiter(ev, n), n));
                }
                a.await(AsyncIO.sleep(0));
                t.print("main: set()");
                ev.set();
                ev.set();
                t.print("main: set returned; is_set:", ev.isSet());
                a.await(AsyncIO.gather(ts));
                Task<Void> other = AsyncIO.createTask(AsyncIO.sleep(0), "other");
                t.print("wait on set event ->", a.await(ev.await()), "| other task ran:", other.isDone());
                ev.clear();
                t.print("after clear is_set:", ev.isSet());
                Task<Void> d = AsyncIO.createTask(waiter(ev, "D"), "D");
                a.await(AsyncIO.sleep(0.01));
                t.print("D still waiting:", !d.isDone());
                ev.set();
                a.await(d);
                a.await(other);
            }));
        }
        t.assertMatches("303_event");
    }
}
