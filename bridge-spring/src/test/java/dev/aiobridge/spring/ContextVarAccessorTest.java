package dev.aiobridge.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.context.ContextVar;
import dev.aiobridge.context.Token;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.reactor.ReactorBridge;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * {@link ContextVarAccessor}: a context variable as context-propagation's ThreadLocal, through a registry of its
 * own (the global one is the Spring tests'), set and restored exactly, captured and carried into a
 * coroutine's task.
 */
class ContextVarAccessorTest {
    private final ContextVar<String> tenant = ContextVar.of("tenant");
    private final ContextVarAccessor<String> accessor = new ContextVarAccessor<>("tenant", tenant);
    private final ContextRegistry registry = new ContextRegistry().loadContextAccessors()
            .registerThreadLocalAccessor(accessor);
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().contextRegistry(registry).build();

    @Test
    void setValueAndRestoreUndoExactlyOneSetBackToNoValue() {
        assertThat(accessor.getValue()).isNull();
        accessor.setValue("a");
        accessor.setValue("b");
        assertThat(tenant.get(null)).isEqualTo("b");
        accessor.restore("a");
        assertThat(tenant.get(null)).isEqualTo("a");
        accessor.restore();
        assertThat(tenant.get("none")).as("back to no value, not to null").isEqualTo("none");
        accessor.setValue();
        assertThat(tenant.get("none")).isNull();
        accessor.restore();
        assertThat(tenant.get("none")).isEqualTo("none");
        assertThat(ContextVarAccessor.isContextVarKey("tenant")).isTrue();
    }

    @Test
    void aSnapshotCarriesTheValueToAnotherThreadAndTheScopeRemovesIt() throws Exception {
        Token<String> set = tenant.set("acme");
        ContextSnapshot snapshot;
        try {
            snapshot = snapshots.captureAll();
        } finally {
            tenant.reset(set);
        }
        String[] seen = new String[2];
        Thread other = Thread.ofPlatform().start(() -> {
            try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
                seen[0] = tenant.get("none");
            }
            seen[1] = tenant.get("none");
        });
        other.join(10_000);
        assertThat(seen).containsExactly("acme", "none");
    }

    @Test
    void aReactorContextValueReachesTheVariableInACoroutineTaskAcrossAwaits() throws Exception {
        ReactorContextToThreadLocals intoThreadLocals = new ReactorContextToThreadLocals(registry);
        try (EventLoopThread thread = EventLoopThread.start("context-var-accessor-test", AsyncIO::newEventLoop)) {
            Mono<String> seen = ReactorBridge.mono(thread.getLoop(), () -> Coroutine.of(a -> {
                String first = tenant.get("none");
                a.await(AsyncIO.sleep(0.01));
                a.await(AsyncIO.sleep(0));
                return first + "," + tenant.get("none");
            }));
            @SuppressWarnings("unchecked")
            Mono<String> decorated = (Mono<String>) intoThreadLocals.decorate(seen);
            CompletableFuture<String> result = decorated.contextWrite(ctx -> ctx.put("tenant", "acme")).toFuture();
            assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("acme,acme");
            assertThat(tenant.get("none")).as("nothing left on the subscribing thread").isEqualTo("none");
        }
    }

    @Test
    void contextCaptureReadsTheVariableIntoTheReactorContext() {
        Token<String> set = tenant.set("globex");
        try {
            String seen = Mono.deferContextual(ctx -> Mono.just(ctx.getOrDefault("tenant", "none")))
                    .contextWrite(ctx -> snapshots.captureAll().updateContext(ctx))
                    .block(Duration.ofSeconds(10));
            assertThat(seen).isEqualTo("globex");
        } finally {
            tenant.reset(set);
        }
    }
}
