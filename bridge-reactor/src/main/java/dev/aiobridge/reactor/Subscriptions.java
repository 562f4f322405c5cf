package dev.aiobridge.reactor;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Operators;

/** The one place our subscribers keep their upstream subscription (RS §2.5: at most one). */
final class Subscriptions {
    private Subscriptions() {
    }

    /** Sets {@code s} once; a second one, or one after cancellation, is cancelled (§2.5). */
    static boolean setOnce(AtomicReference<Subscription> ref, Subscription s) {
        if (ref.compareAndSet(null, s)) {
            return true;
        }
        s.cancel();
        if (ref.get() != Operators.cancelledSubscription()) {
            Operators.reportSubscriptionSet();
        }
        return false;
    }

    /** A subscriber's {@code onSubscribe}: rejects null (§2.13), keeps {@code s} once (§2.5), then requests {@code n}. */
    static void onSubscribe(AtomicReference<Subscription> ref, Subscription s, long n) {
        Objects.requireNonNull(s, "onSubscribe(null): RS §2.13");
        if (setOnce(ref, s)) {
            s.request(n);
        }
    }

    /** Cancels the subscription held by {@code ref}, now or as soon as it arrives. */
    static void cancel(AtomicReference<Subscription> ref) {
        Subscription s = ref.getAndSet(Operators.cancelledSubscription());
        if (s != null && s != Operators.cancelledSubscription()) {
            s.cancel();
        }
    }
}
