package dev.aiobridge.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.builtins.ValueError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code forEach} and streams over a generator: Python's {@code for} semantics, with the consumer run on
 * the generator's own stack (no suspension per value). Runs on both engines.
 */
class InternalIterationTest {

    private static Generator<Integer, Object, String> upTo(int n, List<String> log) {
        return Generator.of(g -> {
            try {
                for (int i = 1; i <= n; i++) {
                    g.yield(i);
                }
                return "done";
            } finally {
                log.add("finally");
            }
        });
    }

    @Test
    void forEachSeesEveryValueInOrderAndDropsTheReturnValue() {
        List<String> log = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        Generator<Integer, Object, String> g = upTo(5, log);
        g.forEach(seen::add);
        assertThat(seen).containsExactly(1, 2, 3, 4, 5);
        assertThat(log).containsExactly("finally");
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
        assertThat(g.returnValue()).isEqualTo("done");
    }

    @Test
    void theConsumerRunsInsideTheGeneratorsDriveNotOncePerResume() {
        // The fast path: the action runs on the generator's stack, while it is running. Without it, each
        // value would come out of a suspension and the generator would be suspended in the action.
        Generator<Integer, Object, String> g = upTo(1_000, new ArrayList<>());
        int[] runningInAction = {0};
        g.forEach(v -> {
            if (g.isRunning()) {
                runningInAction[0]++;
            }
        });
        assertThat(runningInAction[0]).isEqualTo(1_000);

        Generator<Integer, Object, String> h = upTo(1_000, new ArrayList<>());
        long sum = h.stream().mapToLong(v -> {
            assertThat(h.isRunning()).as("the stream's consumer runs inside the drive").isTrue();
            return v;
        }).sum();
        assertThat(sum).isEqualTo(500_500L);
    }

    @Test
    void anExceptionOfTheActionReachesTheCallerAndLeavesTheGeneratorSuspendedAtThatValue() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Object, String> g = upTo(5, log);
        List<Integer> seen = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> g.forEach(v -> {
            seen.add(v);
            if (v == 2) {
                throw boom;
            }
        })).isSameAs(boom);
        assertThat(seen).containsExactly(1, 2);
        assertThat(log).isEmpty(); // the body never saw the exception
        assertThat(g.state()).isEqualTo(GeneratorState.SUSPENDED);
        assertThat(g.next()).isEqualTo(3);
        g.close();
        assertThat(log).containsExactly("finally");
    }

    @Test
    void anExceptionOfTheBodyReachesTheCallerAsItIs() {
        RuntimeException broken = new RuntimeException("broken");
        Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
            y.yield(1);
            throw broken;
        });
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> g.forEach(seen::add)).isSameAs(broken);
        assertThat(seen).containsExactly(1);
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
    }

    @Test
    void iterationContinuesWhereAnIteratorLeftOffIncludingAValueReadAhead() {
        Generator<Integer, Object, String> g = upTo(6, new ArrayList<>());
        Iterator<Integer> it = g.iterator();
        assertThat(it.next()).isEqualTo(1);
        List<Integer> rest = new ArrayList<>();
        g.forEach(rest::add);
        assertThat(rest).containsExactly(2, 3, 4, 5, 6);

        Generator<Integer, Object, String> h = upTo(6, new ArrayList<>());
        assertThat(h.next()).isEqualTo(1);
        assertThat(h.stream().map(String::valueOf).collect(Collectors.joining(","))).isEqualTo("2,3,4,5,6");
    }

    @Test
    void delegationRunsOnTheSameDriveAndAResumeFromTheActionIsRefused() {
        Generator<Integer, Object, Void> outer = Generator.ofVoid(y -> {
            y.yield(0);
            y.yieldFrom(Generator.<Integer, Object>ofVoid(s -> {
                s.yield(1);
                s.yield(2);
            }));
            y.yieldFrom(List.of(3, 4));
        });
        List<Object> seen = new ArrayList<>();
        outer.forEach(v -> {
            seen.add(v);
            if (v == 4) {
                try {
                    outer.next();
                } catch (ValueError e) {
                    seen.add(e.getMessage());
                }
            }
        });
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, "generator already executing");
    }
}
