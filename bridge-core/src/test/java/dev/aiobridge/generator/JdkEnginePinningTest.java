package dev.aiobridge.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Where the jdk engine cannot suspend (a native frame: here a static initializer), the yield raises a
 * clear error in the body; nothing hangs and the JVM goes on. The threads engine can yield there, so
 * this runs only on the jdk engine.
 */
@Tag("jdk-only")
class JdkEnginePinningTest {

    static final ThreadLocal<Yielder<String, Object>> SCOPE = new ThreadLocal<>();

    static final class YieldsInStaticInitializer {
        static final String RESULT;

        static {
            String r;
            try {
                SCOPE.get().yield("from <clinit>");
                r = "yielded";
            } catch (IllegalStateException e) {
                r = e.getMessage();
            }
            RESULT = r;
        }
    }

    @Test
    void aYieldUnderANativeFrameIsAClearError() {
        assertThat(Generator.engine()).isEqualTo("jdk");
        Generator<String, Object, Void> g = Generator.ofVoid(y -> {
            SCOPE.set(y);
            y.yield(YieldsInStaticInitializer.RESULT);
        });
        assertThat(g.next()).contains("cannot yield here").contains("native frame").contains("static initializer");
        g.close();
    }

    @Test
    void anUncaughtPinnedYieldEndsTheGeneratorWithTheError() {
        Object lock = new Object();
        Generator<String, Object, Void> g = Generator.ofVoid(y -> {
            SCOPE.set(y);
            new Object() {
                final String s = Nested.VALUE;
            }.toString();
        });
        assertThatThrownBy(g::next).isInstanceOf(ExceptionInInitializerError.class)
                .cause().hasMessageContaining("native frame");
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
        synchronized (lock) {
            assertThat(lock).isNotNull();
        }
    }

    static final class Nested {
        static final String VALUE = yieldHere();

        private static String yieldHere() {
            SCOPE.get().yield("x");
            return "unreachable";
        }
    }
}
