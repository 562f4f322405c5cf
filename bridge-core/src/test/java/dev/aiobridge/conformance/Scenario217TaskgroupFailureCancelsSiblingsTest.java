package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.ExceptionGroup;
import dev.aiobridge.asyncio.TaskGroup;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 217_taskgroup_failure_cancels_siblings: the first failure cancels the siblings and the body; the
 * ExceptionGroup holds the real errors; the parent's cancelling() is back to 0. Python's
 * {@code except* ValueError} is {@link ExceptionGroup#subgroup(Class)}.
 */
class Scenario217TaskgroupFailureCancelsSiblingsTest {
    private final Trace t = new Trace();
    private final List<String> cancelled = new ArrayList<>();

    private Coroutine<Void> sibling(String name) {
        return Coroutine.ofVoid(a -> {
            try {
                a.await(AsyncIO.sleep(1));
            } catch (CancelledError e) {
                cancelled.add(name);
                throw e;
            }
        });
    }

    private Coroutine<Void> failer() {
        return Coroutine.ofVoid(a -> {
            a.await(AsyncIO.sleep(0.01));
            t.print("failer: raising");
            throw new Py.ValueError("task failed");
        });
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                try {
                    TaskGroup tg = new TaskGroup();
                    tg.with(a, () -> {
                        for (String n : List.of("s1", "s2", "s3")) {
                            tg.createTask(sibling(n), n);
                        }
                        tg.createTask(failer(), "failer");
                        try {
                            a.await(AsyncIO.sleep(1));
                            t.print("body: never printed");
                        } catch (CancelledError e) {
                            t.print("body: CancelledError inside block");
                            throw e;
                        }
                        return null;
                    });
                } catch (ExceptionGroup eg) {
                    t.print("ExceptionGroup message:", eg.message());
                    t.print("str:", eg.getMessage());
                    List<String> subs = new ArrayList<>();
                    for (Throwable e : eg.exceptions()) {
                        subs.add((e instanceof Py.ValueError ? "ValueError" : e.getClass().getSimpleName()) + ":"
                                + e.getMessage());
                    }
                    t.print("sub-exceptions:", subs);
                }
                t.print("cancelled siblings (sorted):", cancelled.stream().sorted().toList());
                t.print("parent cancelling():", AsyncIO.currentTask().cancelling());
                try {
                    TaskGroup tg = new TaskGroup();
                    tg.with(a, () -> tg.createTask(failer(), "failer2"));
                } catch (ExceptionGroup eg) {
                    ExceptionGroup match = eg.subgroup(Py.ValueError.class);
                    if (match != null) {
                        t.print("except* ValueError matched", match.exceptions().size(), "exception(s)");
                    }
                }
            }));
        }
        t.assertMatches("217_taskgroup_failure_cancels_siblings");
    }
}
