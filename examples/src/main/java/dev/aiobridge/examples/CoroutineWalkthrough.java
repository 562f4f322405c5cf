package dev.aiobridge.examples;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.builtins.StopIteration;
import java.io.PrintStream;

/**
 * The essay's second half: how a Task, a Future and the loop cooperate. First the coroutine is driven by
 * hand, exactly as a Task does it, printing each link of the callback chain (step, the yielded future,
 * add_done_callback(wakeup), call_soon, wakeup, step again). Then the same coroutine runs under a real
 * {@link Task}, which follows the same chain.
 */
public final class CoroutineWalkthrough implements Example {

    // tag::coroutine[]
    /** A coroutine that awaits two futures someone else completes. */
    static Coroutine<String> fetchTwice(PrintStream out, Future<String> first, Future<String> second) {
        return Coroutine.of("fetch_twice", a -> {
            out.println("    coroutine: awaiting the first future");
            String x = a.await(first); // await = yield from first.awaitGenerator(): "if not done, yield me"
            out.println("    coroutine: first gave '" + x + "', awaiting the second");
            String y = a.await(second);
            out.println("    coroutine: second gave '" + y + "', returning");
            return x + "+" + y;
        });
    }
    // end::coroutine[]

    @Override
    public String name() {
        return "coroutine-walkthrough";
    }

    @Override
    public String summary() {
        return "a coroutine driven by hand, then by a Task: step -> yield future -> add_done_callback(wakeup) -> call_soon -> step";
    }

    @Override
    public String input() {
        return "two futures completed by hand, then two completed by a loop callback and a timer";
    }

    @Override
    public void run(PrintStream out) {
        EventLoop loop = AsyncIO.newEventLoop();
        try {
            out.println("-- by hand: we are the task");
            Future<String> first = loop.createFuture();
            Future<String> second = loop.createFuture();
            Coroutine<String> coro = fetchTwice(out, first, second);
            new HandDriver(loop, coro, out).step();
            out.println("  loop: completing the first future (its callbacks are scheduled, not run)");
            first.setResult("a");
            runOneIteration(loop, out);
            out.println("  loop: completing the second future");
            second.setResult("b");
            runOneIteration(loop, out);

            out.println("-- by a Task: the same chain, inside asyncio");
            Future<String> third = loop.createFuture();
            Future<String> fourth = loop.createFuture();
            // tag::task[]
            Task<String> task = loop.createTask(fetchTwice(out, third, fourth), "walkthrough");
            loop.callSoon(() -> {
                out.println("  loop: a callback completes the third future");
                third.setResult("c");
            });
            loop.callLater(0.01, () -> {
                out.println("  loop: a timer completes the fourth future");
                fourth.setResult("d");
            });
            String result = loop.runUntilComplete(task);
            // end::task[]
            out.println("  task result: '" + result + "' (" + task.getName() + " done=" + task.isDone() + ")");
        } finally {
            loop.close();
        }
    }

    private static void runOneIteration(EventLoop loop, PrintStream out) {
        out.println("  loop: one iteration runs the ready callbacks");
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    // tag::driver[]
    /** A minimal Task, written out: step, then wait on the yielded future through a done callback. */
    private record HandDriver(EventLoop loop, Coroutine<String> coro, PrintStream out) {
        void step() {
            out.println("  step: coro.send(None)");
            Object yielded;
            try {
                yielded = coro.send(null);
            } catch (StopIteration done) {
                out.println("  step: StopIteration, the result is '" + done.value() + "'");
                return;
            }
            Future<?> future = (Future<?>) yielded;
            out.println("  step: the coroutine yielded a pending future; add_done_callback(wakeup)");
            future.addDoneCallback(f -> wakeup());
        }

        void wakeup() {
            out.println("  wakeup: called by the loop (call_soon'ed by set_result); step again");
            step();
        }
    }
    // end::driver[]
}
