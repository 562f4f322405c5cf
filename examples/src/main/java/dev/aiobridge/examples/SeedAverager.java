package dev.aiobridge.examples;

import dev.aiobridge.generator.Generator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The essay's first program, {@code averager.py}: {@code term = (yield average)} receives a value and
 * yields the running average. {@code next()} primes it (runs to the first yield), {@code send} does the
 * rest.
 */
public final class SeedAverager implements Example {

    // tag::averager[]
    /** A coroutine that computes a running average. */
    static Generator<Double, Double, Void> averager() {
        return Generator.ofVoid(g -> {
            double total = 0.0;
            int count = 0;
            Double average = null;
            while (true) {
                double term = g.yield(average); // receive a value and yield the current average
                total += term;
                count += 1;
                average = total / count;
            }
        });
    }
    // end::averager[]

    @Override
    public String name() {
        return "seed-averager";
    }

    @Override
    public String summary() {
        return "the essay's averager.py: a generator as a two-way channel (yield, send)";
    }

    @Override
    public List<String> gloss() {
        // the same conversation again, each value sent beside the average it gave back
        Generator<Double, Double, Void> coro = averager();
        coro.next();
        List<String> lines = new ArrayList<>();
        for (double term : new double[] {10.0, 20.0, 30.0}) {
            lines.add("send(" + term + ") -> " + coro.send(term));
        }
        coro.close();
        return lines;
    }

    @Override
    public String input() {
        return "next() to prime it, then send(10.0), send(20.0), send(30.0); each line below is the average"
                + " the generator yields back for one send";
    }

    @Override
    public void run(PrintStream out) {
        // tag::driver[]
        Generator<Double, Double, Void> coro = averager();
        coro.next();                     // prime the coroutine by advancing to the first yield
        out.println(coro.send(10.0));    // sends 10, yields 10.0
        out.println(coro.send(20.0));    // sends 20, yields 15.0
        out.println(coro.send(30.0));    // sends 30, yields 20.0
        // end::driver[]
    }
}
