package dev.aiobridge.reactor;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.internal.gen.Frame;
import dev.aiobridge.internal.gen.GeneratorAccess;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A send-driven generator (the essay's averager shape) as a Flux operator: one generator per
 * subscription, primed with {@code next()}; each upstream item is {@code send}-ed in and the value the
 * generator yields back goes downstream (a null yield emits nothing for that item); an upstream error is
 * thrown in ({@code throwIn}: a value yielded in response is emitted, then the error ends the stream
 * unless the generator handled it by returning); upstream completion closes the generator (its finally
 * blocks run); a return ends the stream. Demand flows through one for one.
 */
final class SendDriven {
    private SendDriven() {
    }

    static <I, O> Function<Flux<I>, Publisher<O>> operator(Supplier<? extends Generator<? extends O, ? super I, ?>> factory) {
        Objects.requireNonNull(factory, "factory");
        return upstream -> Flux.defer(() -> {
            Frame frame = GeneratorAccess.frameOf(Objects.requireNonNull(factory.get(), "the factory returned null"));
            Object primed = frame.resume(null, null);
            if (primed instanceof Frame.Finished end) {
                return end.error() != null ? Flux.error(end.error()) : Flux.<O>empty();
            }
            Flux<O> first = primed == null ? Flux.empty() : Flux.<O>just(SendDriven.<O>cast(primed));
            Flux<O> body = upstream.<O>handle((item, sink) -> {
                Object out = frame.resume(item, null);
                if (out instanceof Frame.Finished end) {
                    if (end.error() != null) {
                        sink.error(end.error());
                    } else {
                        sink.complete();
                    }
                } else if (out != null) {
                    sink.next(SendDriven.<O>cast(out));
                }
            }).onErrorResume(error -> {
                Object out;
                try {
                    out = frame.resume(null, error);
                } catch (Throwable t) {
                    return Flux.error(t);
                }
                if (out instanceof Frame.Finished end) {
                    return end.error() != null ? Flux.error(end.error()) : Flux.empty();
                }
                // The generator handled the error and yielded: emit that, then close it and end.
                Flux<O> reply = out == null ? Flux.empty() : Flux.<O>just(SendDriven.<O>cast(out));
                return reply.concatWith(Mono.fromRunnable(frame::close));
            }).concatWith(Mono.fromRunnable(frame::close))
              .doOnCancel(() -> closeQuietly(frame));
            return first.concatWith(body);
        });
    }

    private static void closeQuietly(Frame frame) {
        try {
            frame.close();
        } catch (Throwable ignored) {
            // cancellation: nobody is left to tell
        }
    }

    @SuppressWarnings("unchecked")
    private static <O> O cast(Object o) {
        return (O) o;
    }
}
