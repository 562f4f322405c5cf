package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.coroutine.Coroutine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One way back into a loop that may be closed: {@link LoopClosedError} (CPython's
 * {@code RuntimeError('Event loop is closed')}, still a {@link RuntimeError}) from every way in, and
 * {@link EventLoop#offerThreadsafe} for callers that may outlive the loop.
 */
class LoopClosedRulesTest {

    @Test
    void everyWayIntoAClosedLoopRaisesLoopClosedErrorWhichIsARuntimeError() {
        EventLoop loop = AsyncIO.newEventLoop();
        loop.close();
        for (Runnable attempt : new Runnable[] {
                () -> loop.callSoon(() -> { }),
                () -> loop.callSoonThreadsafe(() -> { }),
                () -> loop.callLater(1, () -> { }),
                () -> loop.runUntilComplete(Coroutine.of(a -> 1))}) {
            assertThatThrownBy(attempt::run)
                    .isExactlyInstanceOf(LoopClosedError.class)
                    .isInstanceOf(RuntimeError.class)
                    .hasMessage("Event loop is closed");
        }
    }

    @Test
    void offerThreadsafeAcceptsWhileOpenAndRefusesOnceClosedWithoutRunning() throws Exception {
        EventLoop loop = AsyncIO.newEventLoop();
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<Boolean> accepted = CompletableFuture.supplyAsync(() -> loop.offerThreadsafe(ran::incrementAndGet));
        assertThat(accepted.get()).isTrue();
        loop.runUntilComplete(AsyncIO.sleep(0));
        assertThat(ran).hasValue(1);
        loop.close();
        CompletableFuture<Boolean> refused = CompletableFuture.supplyAsync(() -> loop.offerThreadsafe(ran::incrementAndGet));
        assertThat(refused.get()).isFalse();
        assertThat(loop.offerThreadsafe(ran::incrementAndGet)).isFalse();
        assertThat(ran).hasValue(1);
    }

    @Test
    void aCompletableFutureOfAFutureOnAClosedLoopFailsWithLoopClosedError() {
        EventLoop loop = AsyncIO.newEventLoop();
        Future<Integer> future = loop.createFuture();
        loop.close();
        CompletableFuture<Integer> cf = future.toCompletableFuture();
        assertThat(cf).isCompletedExceptionally();
        assertThatThrownBy(cf::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(LoopClosedError.class);
    }
}
