package dev.aiobridge.conformance;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.ReturnWhen;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 207_wait_timeout_no_cancel: wait(timeout) returns (done, pending) without raising or cancelling; wait([]) fails. */
class Scenario207WaitTimeoutNoCancelTest {
    private final Trace t = new Trace();

    private Coroutine<String> job(String name, double d) {
        return Coroutine.of(a -> {
            try {
                a.await(AsyncIO.sleep(d));
                t.print(name, "finished");
                return name;
            } catch (CancelledError e) {
                t.print(name, "cancelled (WRONG)");
                throw e;
            }
        });
    }

    private static List<String> names(Collection<Task<String>> s) {
        return s.stream().map(Task::getName).sorted().toList();
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                Task<String> fast = AsyncIO.createTask(job("fast", 0.01), "fast");
                Task<String> slow = AsyncIO.createTask(job("slow", 0.05), "slow");
                var r = a.await(AsyncIO.wait(List.of(fast, slow), 0.02, ReturnWhen.ALL_COMPLETED));
                t.print("after timeout: done", names(r.done()), "pending", names(r.pending()));
                t.print("slow cancelled?", slow.isCancelled(), "| slow done?", slow.isDone());
                t.print("slow result:", a.await(slow));
                r = a.await(AsyncIO.wait(List.of(fast), 0.0, ReturnWhen.ALL_COMPLETED));
                t.print("already-done task: done", r.done().size(), "pending", r.pending().size());
                try {
                    a.await(AsyncIO.wait(List.<Task<String>>of()));
                } catch (ValueError e) {
                    t.print("wait([]) -> ValueError:", e.getMessage());
                }
            }));
        }
        t.assertMatches("207_wait_timeout_no_cancel");
    }
}
