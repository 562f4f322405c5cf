package dev.aiobridge.spring;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.asyncio.ThreadContextPropagator;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.reactor.ReactorBridge;
import io.micrometer.context.ContextRegistry;
import java.util.function.UnaryOperator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapterRegistry;
import reactor.core.scheduler.Scheduler;

/**
 * Spring Boot auto-configuration: one aiobridge event loop for the application, on a thread of its own
 * ({@link EventLoopThread}), started with the context and closed with it (pending tasks cancelled and
 * run to their end, async generators closed); the loop as a bean and as a Reactor {@link Scheduler}
 * bean; aiobridge's types registered with every {@link ReactiveAdapterRegistry} (WebFlux's and the
 * shared one), so controllers return and take {@code Coroutine}, {@code Task}/{@code Future},
 * {@code Generator} and {@code AsyncGenerator}; with Micrometer's context-propagation on the class path,
 * ThreadLocals (MDC, observations) captured when a task is created are restored around every step.
 * Configured by {@link AiobridgeProperties}; logs one INFO line at start naming the continuation engine.
 */
@AutoConfiguration
@ConditionalOnClass({ReactorBridge.class, ReactiveAdapterRegistry.class})
@EnableConfigurationProperties(AiobridgeProperties.class)
public class AiobridgeAutoConfiguration {
    private static final Log LOG = LogFactory.getLog(AiobridgeAutoConfiguration.class);

    /** Public for Spring; use the beans. */
    public AiobridgeAutoConfiguration() {
    }

    /** The loop's thread: started now, closed (gracefully) when the context closes. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public EventLoopThread aiobridgeLoopThread(AiobridgeProperties properties,
                                               ObjectProvider<ThreadContextPropagator> propagator) {
        ThreadContextPropagator carry = properties.isContextPropagation() ? propagator.getIfAvailable() : null;
        boolean virtual = switch (properties.getThreadKind()) {
            case VIRTUAL -> true;
            case PLATFORM -> false;
            case AUTO -> Generator.engine().equals("threads");
        };
        Thread.Builder builder = virtual ? Thread.ofVirtual().name(properties.getThreadName())
                : Thread.ofPlatform().name(properties.getThreadName()).daemon();
        EventLoopThread thread = EventLoopThread.start(builder, () -> {
            EventLoop loop = AsyncIO.newEventLoop();
            loop.setDebug(properties.isDebug());
            loop.setSlowCallbackDuration(properties.getSlowCallbackDuration().toNanos() / 1e9);
            loop.setThreadContextPropagator(carry);
            return loop;
        });
        LOG.info("aiobridge: event loop started on thread '" + properties.getThreadName()
                + "', continuation engine " + Generator.engine() + ", " + (virtual ? "virtual" : "platform") + " thread"
                + (properties.isDebug() ? ", debug on (slow callback " + properties.getSlowCallbackDuration() + ")"
                        : "")
                + ", ThreadLocal propagation into tasks " + (carry != null ? "on" : "off"));
        return thread;
    }

    /** The loop (closed by its thread's bean, not here). */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public EventLoop aiobridgeEventLoop(EventLoopThread aiobridgeLoopThread) {
        return aiobridgeLoopThread.getLoop();
    }

    /** The loop as a Reactor Scheduler: {@code publishOn(scheduler)} runs on the loop's thread. */
    @Bean(destroyMethod = "dispose")
    @ConditionalOnMissingBean(name = "aiobridgeScheduler")
    public Scheduler aiobridgeScheduler(EventLoop aiobridgeEventLoop) {
        return ReactorBridge.scheduler(aiobridgeEventLoop);
    }

    /** Registers aiobridge's types with every ReactiveAdapterRegistry bean and the shared instance. */
    @Bean
    public static SmartInitializingSingleton aiobridgeReactiveAdapterRegistrar(
            ObjectProvider<ReactiveAdapterRegistry> registries, ObjectProvider<EventLoop> loop,
            ObjectProvider<PublisherDecorator> decorator) {
        return () -> {
            EventLoop eventLoop = loop.getObject();
            UnaryOperator<Publisher<?>> decorate = decorator.getIfAvailable(() -> p -> p)::apply;
            registries.orderedStream().forEach(r -> AiobridgeReactiveAdapters.registerWith(r, eventLoop, decorate));
            AiobridgeReactiveAdapters.registerWith(ReactiveAdapterRegistry.getSharedInstance(), eventLoop, decorate);
        };
    }

    /** Decorates every Publisher the adapters make (see {@link ReactorContextToThreadLocals}). */
    @FunctionalInterface
    public interface PublisherDecorator {
        /** The Publisher to hand to Spring instead of {@code source}. */
        Publisher<?> apply(Publisher<?> source);
    }

    /** ThreadLocals into tasks, with Micrometer's context-propagation. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ContextRegistry.class)
    @ConditionalOnProperty(name = "aiobridge.context-propagation", havingValue = "true", matchIfMissing = true)
    static class ContextPropagationConfiguration {

        /** Captures at task creation, restores around each step. */
        @Bean
        @ConditionalOnMissingBean
        ThreadContextPropagator aiobridgeThreadContextPropagator() {
            return new MicrometerThreadContextPropagator();
        }

        /** Puts a subscriber's Reactor Context in ThreadLocals while a coroutine's subscription starts. */
        @Bean
        @ConditionalOnMissingBean
        PublisherDecorator aiobridgeReactorContextDecorator() {
            return new ReactorContextToThreadLocals(ContextRegistry.getInstance())::decorate;
        }
    }
}
