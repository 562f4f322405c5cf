package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.builtins.StopIteration;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What the loop reports when an object is garbage collected (CPython's {@code __del__} reports):
 * "Future exception was never retrieved" and, in debug mode, "coroutine '...' was never awaited". Each
 * test that says something is <em>not</em> reported first waits for a control object of the same kind to
 * be reported, so it cannot pass on an engine or a JVM where the collection simply did not happen yet.
 */
class CollectedReportsRulesTest {

    /** A report the exception handler received: its message and exception. */
    record Report(String message, Throwable exception) {
    }

    /**
     * Runs {@code loop} while another thread asks for collections: first until every object
     * {@code negatives} returns is collected, then (on the loop) {@code control} runs, and the loop goes
     * on until a report starting with {@code awaitedMessage} comes. Whatever the negatives would report is then in:
     * they were collected, and their cleanup ran, before the control existed. 20 s of loop time is an
     * upper bound only, never waited on success.
     */
    private static List<Report> collectUntil(EventLoop loop, Supplier<List<Object>> negatives, Runnable control,
                                             String awaitedMessage) {
        List<Report> reports = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        loop.setExceptionHandler((l, ctx) -> {
            reports.add(new Report(ctx.message(), ctx.exception()));
            if (ctx.message().startsWith(awaitedMessage)) {
                done.countDown();
                l.stop();
            }
        });
        List<WeakReference<Object>> witnesses = new CopyOnWriteArrayList<>();
        CountDownLatch created = new CountDownLatch(1);
        loop.callSoon(() -> {
            for (Object o : negatives.get()) {
                witnesses.add(new WeakReference<>(o));
            }
            created.countDown();
        });
        Thread collector = new Thread(() -> {
            try {
                created.await();
                while (witnesses.stream().anyMatch(w -> w.get() != null)) {
                    System.gc();
                    Thread.onSpinWait();
                }
                System.gc(); // one more cycle: their cleanups have run before the control is made
                loop.callSoonThreadsafe(control);
                while (done.getCount() > 0) {
                    System.gc();
                    done.await(20, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        collector.setDaemon(true);
        collector.start();
        loop.callLater(20, loop::stop);
        try {
            loop.runForever();
        } finally {
            done.countDown();
            loop.close();
        }
        assertThat(done.getCount()).isZero();
        return reports;
    }

    private static Future<String> fail(EventLoop loop, String message, boolean retrieve) {
        Future<String> f = loop.createFuture();
        f.setException(new IllegalArgumentException(message));
        if (retrieve) {
            assertThat(f.exception()).hasMessage(message);
        }
        return f;
    }

    @Test
    void aFailedFutureNobodyLooksAtIsReportedWithItsException() {
        EventLoop loop = AsyncIO.newEventLoop();
        List<Report> reports = collectUntil(loop, List::of, () -> fail(loop, "nobody looks", false),
                "Future exception was never retrieved");
        assertThat(reports).filteredOn(r -> r.message().startsWith("Future exception was never retrieved"))
                .singleElement()
                .satisfies(r -> assertThat(r.exception()).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("nobody looks"));
    }

    @Test
    void aRetrievedExceptionIsNotReportedWhenAnUnretrievedOneIs() {
        EventLoop loop = AsyncIO.newEventLoop();
        List<Report> reports = collectUntil(loop, () -> List.of(fail(loop, "seen", true)),
                () -> fail(loop, "control", false), "Future exception was never retrieved");
        // The control was collected and reported: the GC ran; only the unseen exception is reported.
        assertThat(reports).filteredOn(r -> r.message().startsWith("Future exception was never retrieved"))
                .extracting(r -> r.exception().getMessage())
                .containsExactly("control");
        assertThat(reports).noneSatisfy(r -> assertThat(r.exception()).hasMessage("seen"));
    }

    @Test
    void aCoroutineNeverAwaitedIsReportedInDebugModeAndAClosedOneIsNot() {
        EventLoop loop = AsyncIO.newEventLoop();
        loop.setDebug(true);
        List<Report> reports = collectUntil(loop, () -> {
            Coroutine<Integer> closed = Coroutine.of("closed", a -> 2);
            closed.close(); // close() counts as used
            Coroutine<Integer> stepped = Coroutine.of("stepped", a -> 3);
            assertThatThrownBy(() -> stepped.send(null)) // ... and so does driving it
                    .isInstanceOfSatisfying(StopIteration.class, e -> assertThat(e.value()).isEqualTo(3));
            return List.of(closed, stepped);
        }, () -> Coroutine.of("dropped", a -> 1), "coroutine 'dropped' was never awaited");
        assertThat(reports).extracting(Report::message)
                .filteredOn(m -> m.contains("was never awaited"))
                .containsExactly("coroutine 'dropped' was never awaited");
    }
}
