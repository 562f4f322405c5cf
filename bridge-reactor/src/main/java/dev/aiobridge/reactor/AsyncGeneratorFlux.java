package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.builtins.StopAsyncIteration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * An async generator factory as a cold {@link Flux} resumed on its loop: per subscriber, one task on the
 * loop pulls {@code anext()} while there is demand and waits (on a loop future, no thread blocked) while
 * there is none. Every signal comes from the loop's thread; requests and cancellation from other
 * threads enter through {@code callSoonThreadsafe}. Cancelling cancels the task, whose cleanup closes
 * the generator ({@code aclose}: its finally blocks run, and may await; what they raise goes to
 * {@code Hooks.onErrorDropped}). The task runs in the subscriber's Reactor Context as
 * {@link ContextBridge} maps it. A loop that is not running is an {@code onError} at subscribe; a task
 * cancelled by someone else (its loop shutting down) is an {@code onError} with a
 * {@link CancellationException}; a request after the loop closed is an {@code onError} too. Completion
 * as {@link ReactorBridge.Completion} says: lazy pulls only with demand, eager pulls one value ahead so
 * that the end after the last requested value completes at once.
 */
final class AsyncGeneratorFlux<T> extends Flux<T> {
    private final EventLoop loop;
    private final Supplier<? extends AsyncGenerator<? extends T>> factory;
    private final boolean eager;

    AsyncGeneratorFlux(EventLoop loop, Supplier<? extends AsyncGenerator<? extends T>> factory,
                       ReactorBridge.Completion completion) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.eager = Objects.requireNonNull(completion, "completion") == ReactorBridge.Completion.EAGER;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        IllegalStateException notServing = Loops.notServing(loop);
        if (notServing != null) {
            Operators.error(actual, notServing);
            return;
        }
        PullSubscription<T> s = new PullSubscription<>(actual, loop, eager);
        actual.onSubscribe(s);
        Context context = ContextBridge.fromReactor(actual.currentContext());
        if (!loop.offerThreadsafe(() -> s.start(factory, context))) {
            s.error(Loops.closed(loop, null));
        }
    }

    /** The fields below the constructor are the loop thread's only. */
    static final class PullSubscription<T> extends BridgeSubscription<T> {
        private static final String TASK_NAME = "agen-flux";
        private final EventLoop loop;
        private final boolean eager;

        private Future<Void> demandWait;
        /** Eager: the value pulled one ahead, waiting for demand. */
        private T held;
        private Task<Void> task;
        /** True while the pull loop waits inside the generator (its anext). */
        private boolean inGenerator;

        PullSubscription(CoreSubscriber<? super T> actual, EventLoop loop, boolean eager) {
            super(actual);
            this.loop = loop;
            this.eager = eager;
        }

        void start(Supplier<? extends AsyncGenerator<? extends T>> factory, Context context) {
            if (isCancelled()) {
                cancelled();
                return;
            }
            AsyncGenerator<? extends T> agen;
            try {
                agen = Objects.requireNonNull(factory.get(), "the async generator factory returned null");
            } catch (Throwable e) {
                error(e);
                return;
            }
            task = loop.createTask(Coroutine.ofVoid(TASK_NAME, a -> pull(a, agen)), null, context);
        }

        private void pull(Awaiter a, AsyncGenerator<? extends T> agen) {
            try {
                while (!isCancelled()) {
                    if ((held != null || !eager) && !demand.available()) {
                        demandWait = loop.createFuture();
                        a.await(demandWait); // no demand: wait without holding a thread
                        demandWait = null;
                        continue;
                    }
                    if (held != null) {
                        T ahead = held;
                        held = null;
                        next(ahead);
                        continue;
                    }
                    T value;
                    try {
                        inGenerator = true;
                        value = a.await(agen.anext());
                    } catch (StopAsyncIteration end) {
                        complete();
                        return;
                    } finally {
                        inGenerator = false;
                    }
                    if (value == null) {
                        error(new NullPointerException(
                                "the async generator yielded null: a Flux cannot carry null values (RS §2.13)"));
                        return;
                    }
                    if (demand.available()) {
                        next(value); // if onNext throws, we are cancelled (§2.13) and the loop ends
                    } else {
                        held = value; // eager: one ahead, waiting for demand
                    }
                }
            } catch (CancelledError cancellation) {
                if (!isCancelled()) {
                    // not our cancel: someone cancelled the task, typically its loop shutting down
                    CancellationException e = new CancellationException("task '" + TASK_NAME + "' of an async generator"
                            + " Flux was cancelled before the generator finished (is its loop shutting down?)");
                    e.initCause(cancellation);
                    error(e);
                }
            } catch (Throwable error) {
                error(error); // after a cancel (a finally block that raised), Hooks.onErrorDropped
            } finally {
                if (!agen.isFinished()) {
                    try {
                        a.await(agen.aclose());
                    } catch (Throwable e) {
                        drop(e);
                    }
                }
                if (isCancelled()) {
                    cancelled();
                }
            }
        }

        @Override
        void onRequest() {
            if (!loop.offerThreadsafe(this::wake)) {
                error(Loops.closed(loop, null)); // the loop closed under us: this request can never be served
            }
        }

        private void wake() {
            Future<Void> d = demandWait;
            if (d != null && !d.isDone()) {
                d.setResult(null);
            }
        }

        @Override
        void onCancel() {
            boolean posted = loop.offerThreadsafe(() -> {
                Future<Void> d = demandWait;
                if (d != null && !d.isDone()) {
                    d.setResult(null); // waiting for demand: let the pull loop see the cancel and close
                } else if (task != null && inGenerator) {
                    task.cancel(); // inside the generator: cancel it at its await
                } // otherwise the pull loop (or start) sees the flag at its next turn
            });
            if (!posted) {
                cancelled();
            }
        }

        @Override
        Attr.RunStyle runStyle() {
            return Attr.RunStyle.ASYNC;
        }
    }
}
