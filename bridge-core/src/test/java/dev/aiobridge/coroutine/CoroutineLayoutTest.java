package dev.aiobridge.coroutine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.generator.GeneratorState;
import dev.aiobridge.internal.gen.Frame;
import org.junit.jupiter.api.Test;

/**
 * What a coroutine is made of (P6, memory per task): the coroutine object and one frame that is also
 * the body's await scope; an inline coroutine (sleep's kind) keeps its body, then its host's frame, in
 * the frame's slot.
 */
class CoroutineLayoutTest {

    @Test
    void theAwaitScopeIsTheCoroutinesFrame() {
        Awaiter[] seen = new Awaiter[1];
        Coroutine<Void> coro = Coroutine.ofVoid(a -> seen[0] = a);
        Frame frame = coro.frame();
        try {
            coro.send(null);
        } catch (dev.aiobridge.builtins.StopIteration end) {
            // returned
        }
        assertThat(seen[0]).isInstanceOf(Frame.class).isSameAs(frame);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInlineCoroutineReportsItsHostsStateWhileAwaitedAndIsClosedAfter() {
        GeneratorState[] during = new GeneratorState[1];
        Coroutine<String>[] inner = new Coroutine[1];
        inner[0] = Coroutine.inline("probe", new InlineAwaitable<String>() {
            @Override
            public String awaitInline(dev.aiobridge.generator.Yielder<Object, Object> scope) {
                during[0] = inner[0].state();
                return "r";
            }

            @Override
            public dev.aiobridge.generator.Generator<Object, Object, String> awaitGenerator() {
                return dev.aiobridge.generator.Generator.of(this::awaitInline);
            }
        });
        Coroutine<String> outer = Coroutine.of(a -> a.await(inner[0]));
        assertThat(inner[0].state()).isEqualTo(GeneratorState.CREATED);
        try {
            outer.send(null);
        } catch (dev.aiobridge.builtins.StopIteration end) {
            assertThat(end.value()).isEqualTo("r");
        }
        assertThat(during[0]).isEqualTo(GeneratorState.RUNNING);
        assertThat(inner[0].state()).isEqualTo(GeneratorState.CLOSED);
    }
}
