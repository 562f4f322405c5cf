package dev.aiobridge.examples;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.queue.Queue;
import dev.aiobridge.queue.QueueShutDown;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A producer/consumer pipeline over a bounded {@link Queue}: a fast producer is held back by the queue's
 * bound (backpressure, without a thread blocked), two slower consumers share the work, {@code join()}
 * waits until every item is processed, and 3.13's {@code shutdown()} ends the consumers cleanly.
 */
public final class ProducerConsumer implements Example {

    @Override
    public String name() {
        return "producer-consumer";
    }

    @Override
    public String summary() {
        return "a bounded Queue between a producer and two consumers: backpressure, join(), shutdown()";
    }

    @Override
    public String input() {
        return "6 jobs through a Queue(maxsize=2), two consumers taking 0.25 s per job (virtual time)";
    }

    @Override
    public void run(PrintStream out) {
        // tag::queue[]
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {
            runner.run(Coroutine.ofVoid("pipeline", a -> {
                Queue<Integer> queue = new Queue<>(2);
                Task<Void> producer = AsyncIO.createTask(Coroutine.ofVoid("producer", p -> {
                    for (int job = 1; job <= 6; job++) {
                        p.await(queue.put(job)); // waits while two jobs are queued
                        out.printf(Locale.ROOT, "  %.2fs producer: queued job %d (queue holds %d)%n",
                                AsyncIO.getRunningLoop().time(), job, queue.qsize());
                    }
                }), "producer");
                List<Task<Integer>> consumers = new ArrayList<>();
                for (String name : List.of("c1", "c2")) {
                    consumers.add(AsyncIO.createTask(Coroutine.of(name, c -> {
                        int done = 0;
                        while (true) {
                            int job;
                            try {
                                job = c.await(queue.get());
                            } catch (QueueShutDown end) {
                                out.println("         " + name + ": queue shut down, stopping after " + done + " jobs");
                                return done;
                            }
                            c.await(AsyncIO.sleep(0.25)); // the work
                            out.printf(Locale.ROOT, "  %.2fs %s: finished job %d%n", AsyncIO.getRunningLoop().time(), name, job);
                            queue.taskDone();
                            done++;
                        }
                    }), name));
                }
                a.await(producer);
                a.await(queue.join());
                out.println("         all jobs processed; shutting the queue down");
                queue.shutdown();
                int total = 0;
                for (Task<Integer> c : consumers) {
                    total += a.await(c);
                }
                out.println("         consumers processed " + total + " jobs");
            }));
        }
        // end::queue[]
    }
}
