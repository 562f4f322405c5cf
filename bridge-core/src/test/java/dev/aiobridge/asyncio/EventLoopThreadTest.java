package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link EventLoopThread} on the thread its builder makes: a daemon platform thread by name, or a virtual
 * thread; either way tasks run, other threads wake the idle loop, and {@code close()} cancels what is
 * pending and ends the thread. Runs on both engines.
 */
class EventLoopThreadTest {

    @Test
    void byNameTheLoopRunsOnADaemonPlatformThread() {
        try (EventLoopThread elt = EventLoopThread.start("named-loop")) {
            assertThat(elt.thread().isVirtual()).isFalse();
            assertThat(elt.thread().isDaemon()).isTrue();
            assertThat(elt.thread().getName()).isEqualTo("named-loop");
        }
    }

    @Test
    void onAVirtualThreadTasksRunOtherThreadsWakeTheLoopAndCloseCancelsWhatIsPending() throws Exception {
        EventLoopThread elt = EventLoopThread.start(Thread.ofVirtual().name("virtual-loop"), AsyncIO::newEventLoop);
        assertThat(elt.thread().isVirtual()).isTrue();
        assertThat(elt.thread().getName()).isEqualTo("virtual-loop");

        // Tasks stepping in turns, as on a platform loop.
        CompletableFuture<Integer> sum = elt.submit(Coroutine.of(a -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                tasks.add(AsyncIO.createTask(Coroutine.of(b -> {
                    for (int s = 0; s < 5; s++) {
                        b.await(AsyncIO.sleep(0));
                    }
                    return n;
                })));
            }
            int total = 0;
            for (Task<Integer> t : tasks) {
                total += a.await(t);
            }
            return total;
        }));
        assertThat(sum.get(30, TimeUnit.SECONDS)).isEqualTo(4950);

        // The loop idles in select; each call from this thread must wake it.
        for (int i = 0; i < 100; i++) {
            CompletableFuture<Thread> ranOn = new CompletableFuture<>();
            elt.getLoop().callSoonThreadsafe(() -> ranOn.complete(Thread.currentThread()));
            assertThat(ranOn.get(30, TimeUnit.SECONDS)).isSameAs(elt.thread());
        }

        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> forever = elt.submit(Coroutine.ofVoid(a -> {
            started.complete(null);
            a.await(AsyncIO.getRunningLoop().createFuture());
        }));
        started.get(30, TimeUnit.SECONDS);
        elt.close();
        assertThat(elt.thread().isAlive()).isFalse();
        assertThat(elt.getLoop().isClosed()).isTrue();
        assertThatThrownBy(() -> forever.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }
}
