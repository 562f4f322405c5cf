package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.context.Context;
import dev.aiobridge.context.ContextVar;
import dev.aiobridge.context.Token;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Callbacks run in a copy of the context they were scheduled from (CPython's {@code copy_context()} per
 * handle), and that copy is a shared snapshot until a callback changes it: {@code callSoon} allocates the
 * handle and nothing else (P5's speed path), yet no change made inside one callback reaches another.
 */
class CallbackContextRulesTest {
    private final ContextVar<String> var = ContextVar.withDefault("var", "unset");

    @Test
    void callbacksScheduledFromOneContextShareOneSnapshotUntilTheContextChanges() {
        EventLoop loop = AsyncIO.newEventLoop();
        try {
            new Context().run(() -> {
                var.set("a");
                Handle first = loop.callSoon(() -> { });
                Handle second = loop.callSoon(() -> { });
                TimerHandle timer = loop.callLater(0, () -> { });
                assertThat(second.context).as("no copy per callback").isSameAs(first.context);
                assertThat(timer.context).isSameAs(first.context);
                var.set("b");
                Handle third = loop.callSoon(() -> { });
                assertThat(third.context).as("a change makes a new snapshot").isNotSameAs(first.context);
                assertThat(third.getContext().get(var)).isEqualTo("b");
                assertThat(first.getContext().get(var)).isEqualTo("a");
            });
            List<Handle> inner = new ArrayList<>();
            AtomicReference<Handle> outer = new AtomicReference<>();
            outer.set(loop.callSoon(() -> {
                inner.add(loop.callSoon(() -> { }));
                inner.add(loop.callSoon(loop::stop));
            }));
            Context outerContext = outer.get().context;
            loop.runForever();
            assertThat(inner).hasSize(2);
            assertThat(inner.get(0).context).as("scheduled from inside a callback: the same snapshot")
                    .isSameAs(outerContext).isSameAs(inner.get(1).context);
        } finally {
            loop.close();
        }
    }

    @Test
    void aChangeInsideOneCallbackReachesNeitherItsSiblingNorTheScheduler() {
        EventLoop loop = AsyncIO.newEventLoop();
        try {
            List<String> seen = new ArrayList<>();
            new Context().run(() -> {
                var.set("scheduled");
                Handle changer = loop.callSoon(() -> {
                    seen.add("changer sees " + var.get());
                    Token<String> token = var.set("changed");
                    seen.add("changer now " + var.get());
                    var.reset(token);
                    var.set("changed again");
                });
                Handle sibling = loop.callSoon(() -> seen.add("sibling sees " + var.get()));
                Context shared = sibling.context;
                loop.callSoon(loop::stop);
                loop.runForever();
                assertThat(seen).containsExactly("changer sees scheduled", "changer now changed",
                        "sibling sees scheduled");
                assertThat(var.get()).isEqualTo("scheduled");
                assertThat(changer.getContext().get(var)).as("the handle keeps the context it ran in")
                        .isEqualTo("changed again");
                assertThat(sibling.getContext().get(var)).isEqualTo("scheduled");
                Handle later = loop.callSoon(() -> seen.add("later sees " + var.get()));
                loop.callSoon(loop::stop);
                loop.runForever();
                assertThat(seen).last().isEqualTo("later sees scheduled");
                assertThat(later.context).as("the snapshot stayed as it was").isSameAs(shared);
            });
        } finally {
            loop.close();
        }
    }

    @Test
    void aContextTakenFromAHandleBeforeItRunsIsTheOneItRunsIn() {
        EventLoop loop = AsyncIO.newEventLoop();
        try {
            List<String> seen = new ArrayList<>();
            new Context().run(() -> {
                Handle mine = loop.callSoon(() -> seen.add("mine sees " + var.get()));
                Handle other = loop.callSoon(() -> seen.add("other sees " + var.get()));
                mine.getContext().run(() -> var.set("set through getContext"));
                loop.callSoon(loop::stop);
                loop.runForever();
                assertThat(seen).containsExactly("mine sees set through getContext", "other sees unset");
                assertThat(other.getContext().containsKey(var)).isFalse();
            });
        } finally {
            loop.close();
        }
    }

    @Test
    void aTokenFromOneCallbackIsRefusedInItsSibling() {
        EventLoop loop = AsyncIO.newEventLoop();
        try {
            AtomicReference<Token<String>> token = new AtomicReference<>();
            AtomicReference<Throwable> refused = new AtomicReference<>();
            new Context().run(() -> {
                loop.callSoon(() -> token.set(var.set("x")));
                loop.callSoon(() -> {
                    try {
                        var.reset(token.get());
                    } catch (ValueError e) {
                        refused.set(e);
                    }
                });
                loop.callSoon(loop::stop);
            });
            loop.runForever();
            assertThat(refused.get()).isInstanceOf(ValueError.class)
                    .hasMessageContaining("was created in a different Context");
        } finally {
            loop.close();
        }
    }

    @Test
    void callSoonAllocatesTheHandleAndNoContextCopy() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        EventLoop loop = AsyncIO.newEventLoop();
        try {
            int n = 20_000;
            Runnable callback = () -> { };
            for (int round = 0; round < 3; round++) { // the ready queue grows once, then keeps its capacity
                for (int i = 0; i < n; i++) {
                    loop.callSoon(callback);
                }
                loop.callSoon(loop::stop);
                loop.runForever();
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                loop.callSoon(callback);
            }
            long perCallback = (threads.getCurrentThreadAllocatedBytes() - before) / n;
            assertThat(perCallback).as("bytes per callSoon: a Handle is 24; a Context copy would add 24")
                    .isLessThan(40);
            loop.callSoon(loop::stop);
            loop.runForever();
        } finally {
            loop.close();
        }
    }

    @Test
    void anExplicitContextIsUsedAsItIsAndStillCannotBeEnteredTwice() {
        EventLoop loop = AsyncIO.newEventLoop();
        try {
            Context mine = new Context();
            AtomicReference<Throwable> error = new AtomicReference<>();
            loop.setExceptionHandler((l, c) -> error.set(c.exception()));
            Handle h = loop.callSoon(() -> var.set("in mine"), mine);
            assertThat(h.getContext()).isSameAs(mine);
            loop.callSoon(() -> mine.run(() -> { }), mine);
            loop.callSoon(loop::stop);
            loop.runForever();
            assertThat(mine.get(var)).isEqualTo("in mine");
            assertThatThrownBy(() -> { throw error.get(); }).hasMessageContaining("is already entered");
        } finally {
            loop.close();
        }
    }
}
