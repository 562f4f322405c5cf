package dev.aiobridge.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.asyncio.ThreadContextPropagator;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** The auto-configuration without a web server: beans, properties, the start line, graceful shutdown. */
@ExtendWith(OutputCaptureExtension.class)
class AiobridgeAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AiobridgeAutoConfiguration.class));

    @Test
    void theLoopItsSchedulerAndOneStartLineNamingTheEngine(CapturedOutput output) {
        runner.run(context -> {
            EventLoopThread thread = context.getBean(EventLoopThread.class);
            EventLoop loop = context.getBean(EventLoop.class);
            assertThat(loop).isSameAs(thread.getLoop());
            assertThat(loop.isRunning()).isTrue();
            assertThat(loop.getThreadContextPropagator()).isInstanceOf(MicrometerThreadContextPropagator.class);
            Scheduler scheduler = context.getBean("aiobridgeScheduler", Scheduler.class);
            String ranOn = Mono.fromCallable(() -> Thread.currentThread().getName()).subscribeOn(scheduler)
                    .block(java.time.Duration.ofSeconds(10));
            assertThat(ranOn).isEqualTo("aiobridge-loop");
        });
        boolean threadsEngine = Generator.engine().equals("threads");
        assertThat(output.getOut()).containsOnlyOnce("aiobridge: event loop started on thread 'aiobridge-loop', "
                + "continuation engine " + Generator.engine() + ", " + (threadsEngine ? "virtual" : "platform") + " thread");
    }

    @Test
    void theLoopThreadIsVirtualOnTheThreadsEngineUnlessSetOtherwise() {
        runner.run(context -> assertThat(context.getBean(EventLoopThread.class).thread().isVirtual())
                .isEqualTo(Generator.engine().equals("threads")));
        runner.withPropertyValues("aiobridge.thread-kind=platform").run(context -> {
            Thread thread = context.getBean(EventLoopThread.class).thread();
            assertThat(thread.isVirtual()).isFalse();
            assertThat(thread.isDaemon()).isTrue();
        });
        runner.withPropertyValues("aiobridge.thread-kind=virtual", "aiobridge.thread-name=my-virtual-loop").run(context -> {
            EventLoopThread thread = context.getBean(EventLoopThread.class);
            assertThat(thread.thread().isVirtual()).isTrue();
            Scheduler scheduler = context.getBean("aiobridgeScheduler", Scheduler.class);
            String ranOn = Mono.fromCallable(() -> Thread.currentThread().getName()).subscribeOn(scheduler)
                    .block(java.time.Duration.ofSeconds(10));
            assertThat(ranOn).isEqualTo("my-virtual-loop");
        });
    }

    @Test
    void propertiesConfigureTheLoop() {
        runner.withPropertyValues("aiobridge.debug=true", "aiobridge.slow-callback-duration=250ms",
                "aiobridge.thread-name=my-loop", "aiobridge.context-propagation=false").run(context -> {
            EventLoop loop = context.getBean(EventLoop.class);
            assertThat(loop.getDebug()).isTrue();
            assertThat(loop.getSlowCallbackDuration()).isEqualTo(0.25);
            assertThat(context.getBean(EventLoopThread.class).thread().getName()).isEqualTo("my-loop");
            assertThat(loop.getThreadContextPropagator()).isNull();
            assertThat(context).doesNotHaveBean(ThreadContextPropagator.class);
        });
    }

    @Test
    void moreThanOneLoopIsRefusedWithTheReason() {
        runner.withPropertyValues("aiobridge.loops=4").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("aiobridge.loops=4 is not supported yet");
        });
    }

    @Test
    void closingTheContextCancelsTasksAndClosesAsyncGenerators() throws Exception {
        CountDownLatch taskFinally = new CountDownLatch(1);
        CountDownLatch generatorFinally = new CountDownLatch(1);
        CountDownLatch suspended = new CountDownLatch(1);
        EventLoop[] loop = new EventLoop[1];
        runner.run(context -> {
            EventLoopThread thread = context.getBean(EventLoopThread.class);
            loop[0] = thread.getLoop();
            thread.submit(Coroutine.ofVoid(a -> {
                AsyncGenerator<Integer> numbers = AsyncGenerator.of(y -> {
                    try {
                        y.yield(1);
                        y.yield(2);
                    } finally {
                        generatorFinally.countDown();
                    }
                });
                a.await(numbers.anext());
                try {
                    suspended.countDown();
                    a.await(AsyncIO.getRunningLoop().createFuture()); // forever
                } finally {
                    taskFinally.countDown();
                }
            }));
            assertThat(suspended.await(10, TimeUnit.SECONDS)).isTrue();
        });
        assertThat(taskFinally.await(10, TimeUnit.SECONDS)).as("the task was cancelled and ran its finally").isTrue();
        assertThat(generatorFinally.await(10, TimeUnit.SECONDS)).as("the async generator was closed").isTrue();
        assertThat(loop[0].isClosed()).isTrue();
    }
}
