package dev.aiobridge.internal.gen;

import dev.aiobridge.internal.engine.Rethrow;
import java.util.function.Consumer;

/**
 * Internal iteration over a generator ({@code forEach}, a stream's {@code forEachRemaining}): the consumer
 * is a {@link YieldSink}, so it runs on the generator's own stack at each yield and the body goes on
 * without a suspension per value; the whole iteration is one drive. A consumer that throws refuses its
 * value instead, so the generator suspends at that yield and the exception reaches the caller, as it
 * does from the body of Python's {@code for} (the generator stays suspended there).
 */
public final class ForEachSink implements YieldSink {
    private final Consumer<Object> action;
    private Throwable failure;

    private ForEachSink(Consumer<Object> action) {
        this.action = action;
    }

    @Override
    public boolean offer(Object value) {
        try {
            action.accept(value);
            return true;
        } catch (Throwable t) {
            failure = t;
            return false;
        }
    }

    /**
     * Runs {@code action} on each remaining value of the root frame {@code frame}; the return value is
     * dropped, an exception of the body or of the action propagates as it is.
     */
    public static void forEach(Frame frame, Consumer<Object> action) {
        ForEachSink sink = new ForEachSink(action);
        while (true) {
            Object out = frame.nextWithSink(sink);
            if (out instanceof Frame.Finished end) {
                if (end.error() != null) {
                    throw Rethrow.unchecked(end.error());
                }
                return;
            }
            Throwable t = sink.failure;
            if (t != null) {
                throw Rethrow.unchecked(t); // the action failed on the value the generator suspended at
            }
            action.accept(out); // a value the sink was not offered
        }
    }
}
