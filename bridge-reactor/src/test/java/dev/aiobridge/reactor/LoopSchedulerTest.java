package dev.aiobridge.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;

/** The loop as a Scheduler fails fast on a loop that would never run its tasks (issue 9 §2). */
class LoopSchedulerTest {

    @Test
    void aLoopThatIsNotRunningRejectsAtScheduleTime() {
        EventLoop idle = AsyncIO.newEventLoop();
        try {
            assertRejects(ReactorBridge.scheduler(idle), "not running");
        } finally {
            idle.close();
        }
    }

    @Test
    void aClosedLoopRejectsAtScheduleTime() {
        EventLoop closed = AsyncIO.newEventLoop();
        closed.close();
        assertRejects(ReactorBridge.scheduler(closed), "closed");
    }

    private static void assertRejects(Scheduler scheduler, String state) {
        assertThatThrownBy(() -> scheduler.schedule(() -> { }))
                .isInstanceOf(RejectedExecutionException.class).hasStackTraceContaining(state);
        assertThatThrownBy(() -> scheduler.schedule(() -> { }, 10, TimeUnit.MILLISECONDS))
                .isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> scheduler.schedulePeriodically(() -> { }, 10, 10, TimeUnit.MILLISECONDS))
                .isInstanceOf(RejectedExecutionException.class);
        Scheduler.Worker worker = scheduler.createWorker();
        assertThatThrownBy(() -> worker.schedule(() -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasStackTraceContaining(state);
        // a Publisher moved onto it gets an onError at once instead of hanging
        StepVerifier.create(Mono.just(1).publishOn(scheduler))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RejectedExecutionException.class))
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(Mono.just(1).subscribeOn(scheduler))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RejectedExecutionException.class))
                .verify(Duration.ofSeconds(10));
    }
}
