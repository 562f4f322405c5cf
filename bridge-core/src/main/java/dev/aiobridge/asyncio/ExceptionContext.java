package dev.aiobridge.asyncio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the loop's exception handler receives: asyncio's context dict as a record. {@link #toMap()} gives
 * the dict itself, with only the keys that are present ({@code message}, {@code exception},
 * {@code handle}, {@code future}, {@code task}, and any extra ones).
 *
 * @param message what happened (always present)
 * @param exception the exception, or null
 * @param handle the callback's handle, or null
 * @param future the future concerned, or null
 * @param task the task concerned, or null
 * @param extra more keys, never null
 */
public record ExceptionContext(String message, Throwable exception, Handle handle, Future<?> future,
                               Future<?> task, Map<String, Object> extra) {

    /** Validates the record. */
    public ExceptionContext {
        Objects.requireNonNull(message, "message");
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A context with a message only. */
    public static ExceptionContext of(String message) {
        return new ExceptionContext(message, null, null, null, null, Map.of());
    }

    /** A context with a message and an exception. */
    public static ExceptionContext of(String message, Throwable exception) {
        return new ExceptionContext(message, exception, null, null, null, Map.of());
    }

    /** This context with {@code handle}. */
    public ExceptionContext withHandle(Handle h) {
        return new ExceptionContext(message, exception, h, future, task, extra);
    }

    /** This context with {@code f} as its future. */
    public ExceptionContext withFuture(Future<?> f) {
        return new ExceptionContext(message, exception, handle, f, task, extra);
    }

    /** This context with {@code t} as its task. */
    public ExceptionContext withTask(Future<?> t) {
        return new ExceptionContext(message, exception, handle, future, t, extra);
    }

    /** This context with one more key. */
    public ExceptionContext with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(key, value);
        return new ExceptionContext(message, exception, handle, future, task, more);
    }

    /** asyncio's context dict: only the keys that are present. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("message", message);
        if (exception != null) {
            map.put("exception", exception);
        }
        if (handle != null) {
            map.put("handle", handle);
        }
        if (future != null) {
            map.put("future", future);
        }
        if (task != null) {
            map.put("task", task);
        }
        map.putAll(extra);
        return Collections.unmodifiableMap(map);
    }
}
