package dev.aiobridge.reactor;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;

/**
 * The one subscription base of every Publisher of the bridge: the subscriber ({@code actual}), its
 * {@link Demand}, cancellation (once, from any thread), at most one terminal signal (taken by CAS), and
 * the errors that follow a cancel the subscriber itself caused: a non-positive request (RS §3.9) and an
 * {@code onNext} that threw (§2.13). A subclass says what a request and a cancel do to its source
 * ({@link #onRequest}, {@link #onCancel}) and signals through {@link #next}, {@link #complete},
 * {@link #error} and {@link #cancelled} from the one context that emits.
 *
 * <p>Invariants: after {@code cancel()} nothing reaches {@code actual} but the error that caused the
 * cancel (signalled by {@link #cancelled()} once the source is released); an error that cannot be
 * signalled any more goes to Reactor's {@code Hooks.onErrorDropped}, never nowhere.
 */
abstract class BridgeSubscription<T> implements Subscription, Scannable {
    final CoreSubscriber<? super T> actual;
    final Demand demand = new Demand();

    private volatile int cancelledFlag;
    private static final AtomicIntegerFieldUpdater<BridgeSubscription> CANCELLED =
            AtomicIntegerFieldUpdater.newUpdater(BridgeSubscription.class, "cancelledFlag");
    private volatile int terminatedFlag;
    private static final AtomicIntegerFieldUpdater<BridgeSubscription> TERMINATED =
            AtomicIntegerFieldUpdater.newUpdater(BridgeSubscription.class, "terminatedFlag");
    /** The subscriber's own fault that made us cancel (RS §3.9 or §2.13): signalled after the source is released. */
    private volatile Throwable cancelError;

    BridgeSubscription(CoreSubscriber<? super T> actual) {
        this.actual = actual;
    }

    @Override
    public final void request(long n) {
        if (n <= 0) {
            failAndCancel(Demand.invalid(n)); // RS §3.9: an error, while not cancelled
            return;
        }
        demand.add(n);
        onRequest();
    }

    @Override
    public final void cancel() {
        if (CANCELLED.compareAndSet(this, 0, 1)) {
            onCancel();
        }
    }

    /** The demand grew: produce what it allows (from any thread). */
    abstract void onRequest();

    /** Called once, from the thread that cancelled: release the source, then call {@link #cancelled()}. */
    abstract void onCancel();

    /** How signals are delivered, for {@code Scannable}. */
    abstract Attr.RunStyle runStyle();

    /** Cancels because the subscriber broke a rule; {@code error} is its {@code onError} once the source is released. */
    final void failAndCancel(Throwable error) {
        if (cancelledFlag != 0) {
            return;
        }
        if (cancelError == null) {
            cancelError = error;
        }
        cancel();
    }

    final boolean isCancelled() {
        return cancelledFlag != 0;
    }

    final boolean isTerminated() {
        return terminatedFlag != 0;
    }

    /**
     * Emits {@code value} and counts it. If {@code onNext} throws, the subscription is cancelled (RS
     * §2.13, as Reactor's operators do) and false is returned: the error is signalled by
     * {@link #cancelled()} once the source is released.
     */
    final boolean next(T value) {
        demand.produced();
        try {
            actual.onNext(value);
            return true;
        } catch (Throwable e) {
            failAndCancel(Operators.onOperatorError(null, e, value, actual.currentContext()));
            return false;
        }
    }

    /** {@code onComplete}, unless terminated or cancelled. */
    final void complete() {
        if (cancelledFlag == 0 && TERMINATED.compareAndSet(this, 0, 1)) {
            actual.onComplete();
        }
    }

    /** {@code onError}, unless terminated or cancelled: then Reactor's {@code Hooks.onErrorDropped}. */
    final void error(Throwable e) {
        if (cancelledFlag == 0 && TERMINATED.compareAndSet(this, 0, 1)) {
            actual.onError(e);
        } else {
            drop(e);
        }
    }

    /** The source is released after a cancel: signals the error that caused the cancel, if one did. */
    final void cancelled() {
        Throwable e = cancelError;
        if (e != null && TERMINATED.compareAndSet(this, 0, 1)) {
            actual.onError(e);
        }
    }

    /** An error nobody can receive any more goes to Reactor's {@code Hooks.onErrorDropped}. */
    final void drop(Throwable e) {
        Operators.onErrorDropped(e, actual.currentContext());
    }

    @Override
    @Nullable
    public Object scanUnsafe(Attr key) {
        if (key == Attr.ACTUAL) {
            return actual;
        }
        if (key == Attr.CANCELLED) {
            return isCancelled();
        }
        if (key == Attr.TERMINATED) {
            return isTerminated();
        }
        if (key == Attr.REQUESTED_FROM_DOWNSTREAM) {
            return demand.requested();
        }
        if (key == Attr.RUN_STYLE) {
            return runStyle();
        }
        return null;
    }
}
