package dev.aiobridge.reactor;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.GeneratorExit;
import dev.aiobridge.generator.Ended;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;

/**
 * A send-driven generator (the essay's averager shape) as a Flux operator: one generator per
 * subscription, primed with {@code next()}; each upstream item is {@code send}-ed in and the value the
 * generator yields back goes downstream (a null yield emits nothing for that item, and one more item is
 * requested in its place); an upstream error is thrown in ({@code throwIn}: a value yielded in response
 * is emitted, then the generator is closed and the stream completes; if the generator lets it through,
 * it ends the stream); upstream completion closes the generator (its finally blocks run); a return ends
 * the stream and cancels upstream. Demand flows through one for one.
 */
final class SendDriven<I, O> extends Flux<O> {
    private final Flux<I> upstream;
    private final Supplier<? extends Generator<? extends O, ? super I, ?>> factory;

    private SendDriven(Flux<I> upstream, Supplier<? extends Generator<? extends O, ? super I, ?>> factory) {
        this.upstream = upstream;
        this.factory = factory;
    }

    static <I, O> Function<Flux<I>, Publisher<O>> operator(Supplier<? extends Generator<? extends O, ? super I, ?>> factory) {
        Objects.requireNonNull(factory, "factory");
        return upstream -> new SendDriven<>(Objects.requireNonNull(upstream, "upstream"), factory);
    }

    @Override
    public void subscribe(CoreSubscriber<? super O> actual) {
        Generator<? extends O, ? super I, ?> generator;
        Object primed;
        try {
            generator = Objects.requireNonNull(factory.get(), "the generator factory returned null");
            primed = generator.resume(null, null);
        } catch (Throwable e) {
            Operators.error(actual, Operators.onOperatorError(e, actual.currentContext()));
            return;
        }
        if (primed instanceof Ended end) {
            if (end.error() != null) {
                Operators.error(actual, end.error());
            } else {
                Operators.complete(actual);
            }
            return;
        }
        upstream.subscribe(new SendDrivenSubscription<>(actual, generator, primed));
    }

    /**
     * The subscriber to upstream and the subscription of downstream in one.
     *
     * <p>Invariants. The generator is used by one thread at a time, guarded by {@code gate}: upstream's
     * signals (serialized by RS §1.3) resume it while holding BUSY; a cancel from any thread closes it at
     * once if it is IDLE, or marks CANCEL_PENDING and the BUSY holder closes it on leaving; so it is
     * closed exactly once, as soon as it is no longer running, whoever cancels. Values that wait for demand
     * (the primed value, the reply to an upstream error) sit in {@code held} and are emitted by the
     * demand drain ({@code wip}), which also forwards demand upstream only once nothing is held: so
     * upstream items, emitted by {@code onNext}, never overlap an emission of the drain.
     */
    static final class SendDrivenSubscription<I, O> extends BridgeSubscription<O> implements CoreSubscriber<I> {
        private static final int IDLE = 0;
        private static final int BUSY = 1;
        private static final int CANCEL_PENDING = 2;
        private static final int CLOSED = 3;

        private static final int RUNNING = 0;
        private static final int CLOSE_AND_COMPLETE = 1;
        private static final int FAIL = 2;
        private static final int ENDED = 3;

        private final Generator<? extends O, ? super I, ?> generator;
        private final AtomicReference<Subscription> upstream = new AtomicReference<>();
        private final Queue<Object> held = new ConcurrentLinkedQueue<>();
        /** Items that produced no value: each is replaced by one more upstream request. */
        private final AtomicLong skipped = new AtomicLong();

        volatile int gate;
        static final AtomicIntegerFieldUpdater<SendDrivenSubscription> GATE =
                AtomicIntegerFieldUpdater.newUpdater(SendDrivenSubscription.class, "gate");
        volatile int wip;
        static final AtomicIntegerFieldUpdater<SendDrivenSubscription> WIP =
                AtomicIntegerFieldUpdater.newUpdater(SendDrivenSubscription.class, "wip");
        /** RUNNING until upstream terminates; then what the drain does once nothing is held. */
        volatile int ending;
        static final AtomicIntegerFieldUpdater<SendDrivenSubscription> ENDING =
                AtomicIntegerFieldUpdater.newUpdater(SendDrivenSubscription.class, "ending");
        private volatile Throwable failure;
        /** Upstream terminated (written by upstream's signals only). */
        private boolean upstreamDone;

        // demand drain only:
        private long forwarded;
        private long heldEmitted;

        SendDrivenSubscription(CoreSubscriber<? super O> actual, Generator<? extends O, ? super I, ?> generator, Object primed) {
            super(actual);
            this.generator = generator;
            if (primed != null) {
                held.offer(primed);
            }
        }

        @Override
        public reactor.util.context.Context currentContext() {
            return actual.currentContext();
        }

        // ---- upstream's side (serialized: RS §1.3)

        @Override
        public void onSubscribe(Subscription s) {
            if (Subscriptions.setOnce(upstream, s)) {
                actual.onSubscribe(this);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onNext(I item) {
            if (upstreamDone) {
                Operators.onNextDropped(item, actual.currentContext());
                return;
            }
            if (!enter()) {
                return; // cancelled: the item is discarded
            }
            Object out;
            try {
                out = generator.resume(item, null);
            } catch (Throwable misuse) { // e.g. the factory handed out a generator driven elsewhere
                exit(false);
                upstreamDone = true;
                Subscriptions.cancel(upstream);
                error(misuse);
                return;
            }
            if (out instanceof Ended end) {
                upstreamDone = true;
                Subscriptions.cancel(upstream); // the generator returned or raised: the stream ends here
                Throwable e = end.error();
                if (e != null && !(e instanceof GeneratorExit)) {
                    error(e);
                } else {
                    complete();
                }
                exit(true);
                return;
            }
            if (out == null) {
                exit(false);
                skipped.incrementAndGet(); // nothing for this item: ask for one more in its place
                drain();
                return;
            }
            next((O) out);
            exit(false);
        }

        @Override
        public void onError(Throwable error) {
            if (upstreamDone) {
                Operators.onErrorDropped(error, actual.currentContext());
                return;
            }
            upstreamDone = true;
            if (!enter()) {
                drop(error); // cancelled meanwhile
                return;
            }
            Object out;
            try {
                out = generator.resume(null, error);
            } catch (Throwable misuse) {
                exit(false);
                end(FAIL, misuse);
                return;
            }
            if (out instanceof Ended end) {
                exit(true);
                if (end.error() != null) {
                    end(FAIL, end.error());
                } else {
                    end(CLOSE_AND_COMPLETE, null);
                }
                return;
            }
            exit(false);
            if (out != null) {
                held.offer(out); // the generator handled the error and replied: emit that, then close and end
            }
            end(CLOSE_AND_COMPLETE, null);
        }

        @Override
        public void onComplete() {
            if (upstreamDone) {
                return;
            }
            upstreamDone = true;
            end(CLOSE_AND_COMPLETE, null);
        }

        private void end(int how, Throwable error) {
            failure = error;
            ending = how;
            drain();
        }

        // ---- downstream's side

        @Override
        void onRequest() {
            drain();
        }

        @Override
        void onCancel() {
            Subscriptions.cancel(upstream);
            held.clear();
            while (true) {
                int g = gate;
                if (g == IDLE && GATE.compareAndSet(this, IDLE, CLOSED)) {
                    closeGenerator();
                    cancelled();
                    return;
                }
                if (g == BUSY && GATE.compareAndSet(this, BUSY, CANCEL_PENDING)) {
                    return; // the thread resuming it closes it when it leaves
                }
                if (g == CANCEL_PENDING || g == CLOSED) {
                    cancelled();
                    return;
                }
            }
        }

        @Override
        Attr.RunStyle runStyle() {
            return Attr.RunStyle.SYNC;
        }

        /** The demand drain: held values first, then the end, else demand forwarded upstream. */
        @SuppressWarnings("unchecked")
        private void drain() {
            if (WIP.getAndIncrement(this) != 0) {
                return;
            }
            int missed = 1;
            do {
                if (!isCancelled()) {
                    Object h;
                    while ((h = held.peek()) != null && demand.available() && !isCancelled()) {
                        held.poll();
                        heldEmitted++;
                        if (!next((O) h)) {
                            break;
                        }
                    }
                    if (held.isEmpty() && !isCancelled()) {
                        int how = ending;
                        if (how == RUNNING) {
                            requestUpstream();
                        } else if (how != ENDED && ENDING.compareAndSet(this, how, ENDED)) {
                            finishStream(how);
                        }
                    }
                }
                missed = WIP.addAndGet(this, -missed);
            } while (missed != 0);
        }

        private void requestUpstream() {
            Subscription s = upstream.get();
            if (s == null || forwarded == Long.MAX_VALUE) {
                return;
            }
            long r = demand.requested();
            if (r == Long.MAX_VALUE) {
                forwarded = Long.MAX_VALUE;
                s.request(Long.MAX_VALUE);
                return;
            }
            long target = r - heldEmitted + skipped.get();
            if (target < 0) {
                target = Long.MAX_VALUE; // overflowed
            }
            long want = target - forwarded;
            if (want > 0) {
                forwarded = target;
                s.request(want);
            }
        }

        private void finishStream(int how) {
            if (how == FAIL) {
                error(failure);
                return;
            }
            if (!enter()) {
                return; // cancelled: the cancel closed it
            }
            try {
                generator.close(); // upstream is done: the generator's finally blocks run
                complete();
            } catch (Throwable e) {
                error(e);
            }
            exit(true);
        }

        // ---- the generator's gate

        private boolean enter() {
            return GATE.compareAndSet(this, IDLE, BUSY);
        }

        /** Leaves BUSY: with the generator ended, or suspended (then closed now if a cancel came meanwhile). */
        private void exit(boolean ended) {
            if (ended) {
                if (GATE.getAndSet(this, CLOSED) == CANCEL_PENDING) {
                    cancelled();
                }
                return;
            }
            if (GATE.compareAndSet(this, BUSY, IDLE)) {
                return;
            }
            gate = CLOSED; // CANCEL_PENDING: ours to close
            closeGenerator();
            cancelled();
        }

        private void closeGenerator() {
            try {
                generator.close();
            } catch (Throwable e) {
                drop(e);
            }
        }

        @Override
        @Nullable
        public Object scanUnsafe(Attr key) {
            if (key == Attr.PARENT) {
                return upstream.get();
            }
            return super.scanUnsafe(key);
        }
    }
}
