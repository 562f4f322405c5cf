package dev.aiobridge.reactor;

import dev.aiobridge.builtins.GeneratorExit;
import dev.aiobridge.generator.Ended;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.generator.YieldSink;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * A generator factory as a cold, backpressured {@link Flux}: one generator per subscriber; each
 * {@code request(n)} lets the generator produce at most n more values, and with no demand it stays
 * suspended at its yield (nothing is buffered, no thread is blocked). Cancelling closes the generator
 * (its finally blocks run); an exception from its body is {@code onError}; its return is
 * {@code onComplete} (preceded, if a return mapper was given, by the mapped return value).
 *
 * <p>The fast consumer: while demand remains, the generator's yields hand their values to
 * {@code onNext} on the generator's own stack and go on without suspending; only a yield after which no
 * demand is left suspends. A batch of n values costs at most one continuation switch, and none when the
 * subscriber requests more from {@code onNext} (as Reactor's operators replenish).
 *
 * <p>Completion ({@link ReactorBridge.Completion}): {@code LAZY} resumes the generator only with demand,
 * as {@code Flux.generate} does, so a generator whose last value used the last unit of demand completes
 * on the next request; {@code EAGER} runs one value ahead, as Kotlin's {@code flux {}}: after the value
 * that uses the last unit, the body runs on to its next yield (that value waits for demand) or to its
 * end, which completes at once.
 */
final class GeneratorFlux<T, R> extends Flux<T> {
    private final Supplier<? extends Generator<? extends T, ?, ? extends R>> factory;
    private final Function<? super R, ? extends T> returnMapper;
    private final boolean eager;

    GeneratorFlux(Supplier<? extends Generator<? extends T, ?, ? extends R>> factory,
                  Function<? super R, ? extends T> returnMapper, ReactorBridge.Completion completion) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.returnMapper = returnMapper;
        this.eager = Objects.requireNonNull(completion, "completion") == ReactorBridge.Completion.EAGER;
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
        actual.onSubscribe(new GeneratorSubscription<>(actual, generator, returnMapper, eager));
    }

    /**
     * Demand and the generator. Invariant: only the owner of the drain ({@code wip} taken from 0) resumes
     * or closes the generator and touches {@code finished} and {@code held}; {@code request} and
     * {@code cancel} from any thread only record and try to take the drain. The sink runs inside a resume,
     * so inside the drain.
     */
    static final class GeneratorSubscription<T, R> extends BridgeSubscription<T> implements YieldSink<Object> {
        private final Generator<?, ?, ?> generator;
        private final Function<? super R, ? extends T> returnMapper;
        private final boolean eager;

        volatile int wip;
        static final AtomicIntegerFieldUpdater<GeneratorSubscription> WIP =
                AtomicIntegerFieldUpdater.newUpdater(GeneratorSubscription.class, "wip");

        /** The generator ended or was closed. */
        private boolean finished;
        /** A value waiting for demand: the one-ahead value (eager), or the mapped return value. */
        private Object held;
        /**
         * Lazy: the sink emitted the value of the yield that suspended (it used the last unit of demand and
         * onNext asked for no more), so the drain must not emit what that resume returns. Drain owner only.
         */
        private boolean delivered;

        GeneratorSubscription(CoreSubscriber<? super T> actual, Generator<?, ?, ?> generator,
                              Function<? super R, ? extends T> returnMapper, boolean eager) {
            super(actual);
            this.generator = generator;
            this.returnMapper = returnMapper;
            this.eager = eager;
            generator.setYieldSink(this);
        }

        @Override
        void onRequest() {
            drain();
        }

        @Override
        void onCancel() {
            drain();
        }

        @Override
        Attr.RunStyle runStyle() {
            return Attr.RunStyle.SYNC;
        }

        private void drain() {
            if (WIP.getAndIncrement(this) != 0) {
                return;
            }
            int missed = 1;
            while (true) {
                if (isCancelled()) {
                    held = null;
                    if (!finished) {
                        finished = true;
                        closeGenerator();
                    }
                    cancelled(); // RS §3.9 / §2.13: the error that caused the cancel, after the close
                } else if (!finished || held != null) {
                    emitLoop();
                }
                missed = WIP.addAndGet(this, -missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        /** Emits the held value and resumes the generator while demand allows; the sink emits inside. */
        @SuppressWarnings("unchecked")
        private void emitLoop() {
            while (!isCancelled()) {
                Object value = held;
                if (value != null) {
                    if (!demand.available()) {
                        return;
                    }
                    held = null;
                    if (!next((T) value)) {
                        return; // onNext threw: cancelled, the drain closes
                    }
                    if (finished) {
                        complete(); // that was the mapped return value
                        return;
                    }
                    continue;
                }
                if (!eager && !demand.available()) {
                    return;
                }
                Object out = generator.resume(null, null);
                if (out instanceof Ended end) {
                    finish(end);
                    return;
                }
                if (delivered) {
                    delivered = false; // onNext already has it (the sink emitted it before suspending)
                    continue;
                }
                if (isCancelled()) {
                    return; // the drain closes it
                }
                if (out == null) {
                    finished = true;
                    closeGenerator();
                    error(new NullPointerException(
                            "the generator yielded null: a Flux cannot carry null values (RS §2.13)"));
                    return;
                }
                if (demand.available()) {
                    if (!next((T) out)) {
                        return;
                    }
                } else {
                    held = out; // eager: one value ahead, waiting for demand
                }
            }
        }

        @SuppressWarnings("unchecked")
        private void finish(Ended end) {
            finished = true;
            Throwable error = end.error();
            if (isCancelled()) {
                if (error != null && !(error instanceof GeneratorExit)) {
                    drop(error); // a finally block that raised while closing
                }
                return; // the drain signals what caused the cancel
            }
            if (error != null && !(error instanceof GeneratorExit)) {
                error(error);
                return;
            }
            if (error == null && returnMapper != null) {
                T last;
                try {
                    last = returnMapper.apply((R) end.value());
                } catch (Throwable e) {
                    error(e);
                    return;
                }
                if (last != null) {
                    held = last; // the return value flows on: one more value, when demand allows
                    emitLoop();
                    return;
                }
            }
            complete();
        }

        /**
         * The fast path: a yield with demand goes straight to onNext, on the generator's own stack. The body
         * goes on while demand remains after onNext, so a subscriber that requests more from onNext (as
         * Reactor's operators do when they replenish) keeps the generator running without a switch. Lazy:
         * the value that used the last unit suspends the body once it is delivered. Runs inside the body.
         */
        @Override
        @SuppressWarnings("unchecked")
        public boolean offer(Object value) {
            if (isCancelled()) {
                throw new GeneratorExit(); // surfaces at this yield exactly as close() would
            }
            if (value == null || eager && !demand.available()) {
                return false; // the drain reports a null; eager: the one-ahead value waits for demand
            } // lazy: the body runs only with demand, and a yield that used the last unit suspended
            if (!next((T) value)) {
                throw new GeneratorExit(); // onNext threw (RS §2.13): close the generator at this yield
            }
            if (!eager && !demand.available()) {
                delivered = true; // lazy: no demand left, so the body waits here for the next request
                return false;
            }
            return true;
        }

        private void closeGenerator() {
            try {
                generator.close();
            } catch (Throwable e) {
                drop(e);
            }
        }
    }
}
