package dev.aiobridge.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.coroutine.Coroutine;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;

/**
 * With BlockHound installed (its own surefire execution, on both engines: the agent stays for the JVM),
 * blocking inside a coroutine on the loop is reported, while the loop's own waiting (the selector, the
 * threads engine's hand-off) is not.
 */
class BlockHoundIntegrationTest {
    private static EventLoopThread thread;

    @BeforeAll
    static void install() {
        BlockHound.install(); // loads AiobridgeBlockHoundIntegration through its service file
        thread = EventLoopThread.start("blockhound-loop");
    }

    @AfterAll
    static void close() {
        thread.close();
    }

    private static Object run(Coroutine<?> coro) throws Throwable {
        try {
            return thread.submit(coro).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    @Test
    void threadSleepInsideACoroutineIsReported() {
        assertThatThrownBy(() -> run(Coroutine.ofVoid(a -> {
            a.await(AsyncIO.sleep(0));
            Thread.sleep(1);
        }))).isInstanceOf(BlockingOperationError.class).hasMessageContaining("Blocking call!")
                .hasMessageContaining("sleep"); // Thread.sleep, or VirtualThread.sleepNanos on the threads engine
    }

    @Test
    void monoBlockInsideACoroutineIsReported() {
        assertThatThrownBy(() -> run(Coroutine.of(a -> Mono.never().block(Duration.ofMillis(50)))))
                .isInstanceOf(BlockingOperationError.class).hasMessageContaining("Blocking call!");
    }

    @Test
    void blockingInACallbackOnTheLoopIsReported() throws Exception {
        var failure = new java.util.concurrent.CompletableFuture<Throwable>();
        thread.getLoop().callSoonThreadsafe(() -> {
            try {
                Thread.sleep(1);
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(BlockingOperationError.class);
    }

    @Test
    void theLoopsOwnWaitingIsNotBlocking() throws Throwable {
        Object result = run(Coroutine.of(a -> {
            a.await(AsyncIO.sleep(0.01)); // the selector waits with a timeout
            long n = a.await(ReactorBridge.awaitable(Mono.delay(Duration.ofMillis(5)))); // woken from another thread
            var numbers = ReactorBridge.flux(() -> dev.aiobridge.generator.Generator.<Integer, Object>ofVoid(g -> {
                for (int i = 0; i < 3; i++) {
                    g.yield(i);
                }
            }));
            int sum = 0;
            try (var items = ReactorBridge.iterate(numbers, 2)) {
                for (int i : a.iterate(items)) {
                    sum += i;
                }
            }
            return n + sum;
        }));
        assertThat(result).isEqualTo(3L);
    }

    @Test
    void aLoopOnAVirtualThreadWaitsInItsSelectorWithoutAReport() throws Throwable {
        // A virtual thread waiting in Selector.select parks (JDK 22+): that park is the loop's own waiting.
        EventLoopThread virtual = EventLoopThread.start(Thread.ofVirtual().name("blockhound-virtual-loop"),
                dev.aiobridge.asyncio.AsyncIO::newEventLoop);
        try {
            Object slept = virtual.submit(Coroutine.of(a -> {
                a.await(AsyncIO.sleep(0.01)); // the selector waits with a timeout
                return a.await(ReactorBridge.awaitable(Mono.delay(Duration.ofMillis(5)))); // woken from another thread
            })).get(10, TimeUnit.SECONDS);
            assertThat(slept).isEqualTo(0L);
            var woken = new java.util.concurrent.CompletableFuture<Boolean>();
            virtual.getLoop().callSoonThreadsafe(() -> woken.complete(true)); // the idle loop waits without a timeout
            assertThat(woken.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(virtual.thread().isAlive()).isTrue();
        } finally {
            virtual.close();
        }
    }

    @Test
    void aThreadWithoutALoopMayBlock() throws Exception {
        Thread.sleep(1);
        assertThat(Mono.just(1).delayElement(Duration.ofMillis(1)).block()).isEqualTo(1);
    }
}
