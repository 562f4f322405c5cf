package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.context.Context;
import dev.aiobridge.context.ContextVar;
import dev.aiobridge.coroutine.Coroutine;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task runs in a copy of the context current at its creation (CPython's {@code copy_context()} in
 * {@code Task.__init__}), and that copy is the creator's shared snapshot until the task changes it or
 * someone asks for it ({@link Task#getContext()}): no context object per task (P6), yet no change made
 * inside one task reaches its creator or a sibling, and the context a caller got is the one the task runs in.
 */
class TaskContextRulesTest {
    private final ContextVar<String> var = ContextVar.withDefault("var", "unset");

    @Test
    void tasksCreatedFromOneContextShareOneSnapshotUntilOneChangesIt() throws Exception {
        List<String> seen = new ArrayList<>();
        AsyncIO.run(Coroutine.ofVoid(a -> {
            var.set("creator");
            Future<Void> gate = AsyncIO.getRunningLoop().createFuture();
            Task<Void> changer = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                var.set("changer");
                b.await(gate);
                seen.add("changer sees " + var.get());
            }));
            Task<Void> sibling = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                b.await(gate);
                seen.add("sibling sees " + var.get());
            }));
            assertThat(context(sibling)).as("no copy per task").isSameAs(context(changer));
            a.await(AsyncIO.sleep(0)); // both ran their first step
            assertThat(context(changer)).as("the set made the changer's own copy").isNotSameAs(context(sibling));
            assertThat(var.get()).isEqualTo("creator");
            gate.setResult(null);
            a.await(changer);
            a.await(sibling);
            assertThat(changer.getContext().get(var)).isEqualTo("changer");
            assertThat(sibling.getContext().get(var)).isEqualTo("creator");
        }));
        assertThat(seen).containsExactly("changer sees changer", "sibling sees creator");
    }

    @Test
    void aContextTakenFromAWaitingTaskIsTheOneItWakesUpIn() throws Exception {
        String[] seen = new String[1];
        AsyncIO.run(Coroutine.ofVoid(a -> {
            var.set("creator");
            Future<Void> gate = AsyncIO.getRunningLoop().createFuture();
            Task<Void> task = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                b.await(gate);
                seen[0] = var.get();
            }));
            a.await(AsyncIO.sleep(0)); // the task waits on the gate, in the shared snapshot
            Context taken = task.getContext();
            assertThat(task.getContext()).isSameAs(taken);
            taken.run(() -> var.set("given"));
            assertThat(var.get()).isEqualTo("creator");
            gate.setResult(null);
            a.await(task);
        }));
        assertThat(seen[0]).isEqualTo("given");
    }

    @Test
    void aRunningTaskThatTakesItsContextThenChangesItSeesTheChangeThere() throws Exception {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            var.set("creator");
            Task<String> task = AsyncIO.createTask(Coroutine.of(b -> {
                Context own = AsyncIO.currentTask().getContext();
                var.set("inside");
                b.await(AsyncIO.sleep(0));
                return own.get(var) + " " + (own == AsyncIO.currentTask().getContext());
            }));
            assertThat(a.await(task)).isEqualTo("inside true");
            assertThat(var.get()).isEqualTo("creator");
        }));
    }

    @Test
    void aTaskCreatedInsideATaskCopiesItsCreatorsContextAsItIsThen() throws Exception {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            var.set("outer");
            Task<String> parent = AsyncIO.createTask(Coroutine.of(b -> {
                var.set("parent");
                Task<String> child = AsyncIO.createTask(Coroutine.of(c -> {
                    String first = var.get();
                    var.set("child");
                    return first;
                }));
                String got = b.await(child);
                return got + " " + var.get();
            }));
            assertThat(a.await(parent)).isEqualTo("parent parent");
        }));
    }

    private static Context context(Task<?> task) throws ReflectiveOperationException {
        Field f = Task.class.getDeclaredField("context");
        f.setAccessible(true);
        return (Context) f.get(task);
    }
}
