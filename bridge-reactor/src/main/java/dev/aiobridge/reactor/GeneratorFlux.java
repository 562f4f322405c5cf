package dev.aiobridge.reactor;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.generator.GeneratorExit;
import dev.aiobridge.internal.gen.Frame;
import dev.aiobridge.internal.gen.GeneratorAccess;
import dev.aiobridge.internal.gen.YieldSink;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;

/**
 * A generator factory as a cold, backpressured {@link Flux}: one generator per subscriber; each
 * {@code request(n)} lets the generator produce at most n more values, and with no demand it stays
 * suspended at its yield (nothing is buffered, no thread is blocked). Cancelling closes the generator
 * (its finally blocks run); an exception from its body is {@code onError}; its return is
 * {@code onComplete} (preceded, if a return mapper was given, by the mapped return value).
 *
 * <p>The fast consumer: while demand remains, the generator's yields hand their values to
 * {@code onNext} on the generator's own stack and go on without suspending; only the yield that uses the
 * last unit of demand suspends. A batch of n values costs one continuation switch, not n.
 */
final class GeneratorFlux<T, R> extends Flux<T> {
    private final Supplier<? extends Generator<? extends T, ?, ? extends R>> factory;
    private final Function<? super R, ? extends T> returnMapper;

    GeneratorFlux(Supplier<? extends Generator<? extends T, ?, ? extends R>> factory,
                  Function<? super R, ? extends T> returnMapper) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.returnMapper = returnMapper;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Generator<? extends T, ?, ? extends R> generator;
        try {
            generator = Objects.requireNonNull(factory.get(), "the generator factory returned null");
        } catch (Throwable e) {
            Operators.error(actual, Operators.onOperatorError(e, actual.currentContext()));
            return;
        }
        actual.onSubscribe(new GeneratorSubscription<>(actual, GeneratorAccess.frameOf(generator), returnMapper));
    }

    /**
     * Demand and the generator. Invariant: only the owner of the drain ({@code wip} taken from 0) resumes
     * or closes the generator; {@code request} and {@code cancel} from any thread only record and try to
     * take the drain. {@code emitted} is written by the drain owner, also from inside the body (the sink).
     */
    static final class GeneratorSubscription<T, R> implements Subscription, YieldSink, Scannable {
        private final CoreSubscriber<? super T> actual;
        private final Frame frame;
        private final Function<? super R, ? extends T> returnMapper;

        volatile long requested;
        static final AtomicLongFieldUpdater<GeneratorSubscription> REQUESTED =
                AtomicLongFieldUpdater.newUpdater(GeneratorSubscription.class, "requested");

        volatile int wip;
        static final AtomicIntegerFieldUpdater<GeneratorSubscription> WIP =
                AtomicIntegerFieldUpdater.newUpdater(GeneratorSubscription.class, "wip");

        volatile boolean cancelled;
        private boolean done;
        private long emitted;
        /** An error raised by onNext inside the sink: signalled after the generator is closed. */
        private Throwable downstreamError;

        GeneratorSubscription(CoreSubscriber<? super T> actual, Frame frame, Function<? super R, ? extends T> returnMapper) {
            this.actual = actual;
            this.frame = frame;
            this.returnMapper = returnMapper;
            frame.setYieldSink(this);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                // RS §3.9: a non-positive request is an error signalled downstream.
                cancelled = true;
                if (WIP.getAndIncrement(this) == 0) {
                    closeQuietly();
                    if (!done) {
                        done = true;
                        actual.onError(new IllegalArgumentException(
                                "§3.9 violated: positive request amount required but it was " + n));
                    }
                }
                return;
            }
            Operators.addCap(REQUESTED, this, n);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            drain();
        }

        private void drain() {
            if (WIP.getAndIncrement(this) != 0) {
                return;
            }
            int missed = 1;
            while (true) {
                if (cancelled) {
                    closeQuietly();
                    done = true;
                } else if (!done) {
                    emitLoop();
                }
                missed = WIP.addAndGet(this, -missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        /** Resumes the generator while there is demand; the sink emits inside, the last value comes out here. */
        @SuppressWarnings("unchecked")
        private void emitLoop() {
            while (!cancelled && !done && emitted < requested) {
                Object out = frame.resume(null, null);
                if (out instanceof Frame.Finished end) {
                    finish(end);
                    return;
                }
                if (cancelled) {
                    return; // the drain closes it
                }
                if (out == null) {
                    done = true;
                    closeQuietly();
                    actual.onError(new NullPointerException(
                            "the generator yielded null: a Flux cannot carry null values (RS §2.13)"));
                    return;
                }
                emitted++;
                actual.onNext((T) out);
            }
        }

        @SuppressWarnings("unchecked")
        private void finish(Frame.Finished end) {
            done = true;
            if (downstreamError != null) {
                actual.onError(downstreamError);
                return;
            }
            if (cancelled) {
                return;
            }
            Throwable error = end.error();
            if (error != null && !(error instanceof GeneratorExit)) {
                actual.onError(error);
                return;
            }
            if (error == null && returnMapper != null) {
                T last;
                try {
                    last = returnMapper.apply((R) end.value());
                } catch (Throwable e) {
                    actual.onError(e);
                    return;
                }
                if (last != null) {
                    actual.onNext(last); // the return value flows on: one more value, as yield-from hands it on
                }
            }
            actual.onComplete();
        }

        /** The fast path: a yield with demand to spare goes straight to onNext. Runs inside the body. */
        @Override
        @SuppressWarnings("unchecked")
        public boolean offer(Object value) {
            if (cancelled) {
                throw new GeneratorExit(); // surfaces at this yield exactly as close() would
            }
            if (value == null) {
                return false; // the drain reports it
            }
            long r = requested;
            if (r != Long.MAX_VALUE && emitted + 1 >= r) {
                return false; // the last unit of demand: suspend here and let the drain emit
            }
            emitted++;
            try {
                actual.onNext((T) value);
            } catch (Throwable e) {
                downstreamError = Operators.onOperatorError(this, e, value, actual.currentContext());
                cancelled = true;
                throw new GeneratorExit();
            }
            return true;
        }

        private void closeQuietly() {
            try {
                frame.close();
            } catch (Throwable e) {
                Operators.onErrorDropped(e, actual.currentContext());
            }
        }

        @Override
        @Nullable
        public Object scanUnsafe(Attr key) {
            if (key == Attr.ACTUAL) {
                return actual;
            }
            if (key == Attr.CANCELLED) {
                return cancelled;
            }
            if (key == Attr.TERMINATED) {
                return done;
            }
            if (key == Attr.REQUESTED_FROM_DOWNSTREAM) {
                return requested;
            }
            if (key == Attr.RUN_STYLE) {
                return Attr.RunStyle.SYNC;
            }
            return null;
        }
    }
}
