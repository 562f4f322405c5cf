package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.ValueError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Python's {@code ExceptionGroup} (PEP 654): several unrelated exceptions raised together, as a
 * {@link TaskGroup} reports its failures. The members are {@link #exceptions()}, in order, and also
 * the group's {@linkplain #getSuppressed() suppressed} exceptions, so a stack trace shows them all.
 * {@link #getMessage()} is Python's {@code str(eg)} ("unhandled errors in a TaskGroup (2
 * sub-exceptions)"); {@link #message()} is {@code eg.message}. Java's {@code catch} cannot match members
 * the way {@code except*} does: {@link #subgroup(Class)} and {@link #split(Class)} give the parts.
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String message;
    private final transient List<Throwable> exceptions;

    /** A group of {@code exceptions} (at least one) with {@code message}. */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")",
                null, true, true);
        if (exceptions.isEmpty()) {
            throw new ValueError("second argument (exceptions) must be a non-empty sequence");
        }
        this.message = Objects.requireNonNull(message, "message");
        this.exceptions = Collections.unmodifiableList(new ArrayList<>(exceptions));
        for (Throwable t : exceptions) {
            addSuppressed(Objects.requireNonNull(t, "exception"));
        }
    }

    /** Python's {@code eg.message}: the message without the count. */
    public String message() {
        return message;
    }

    /** Python's {@code eg.exceptions}: the members, in order. */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    /** The members (nested groups searched) that are instances of {@code type}, as a group; null if none. */
    public ExceptionGroup subgroup(Class<? extends Throwable> type) {
        return subgroup(type::isInstance);
    }

    /** The members (nested groups searched) that match {@code condition}, as a group; null if none. */
    public ExceptionGroup subgroup(Predicate<? super Throwable> condition) {
        if (condition.test(this)) {
            return this;
        }
        List<Throwable> kept = new ArrayList<>();
        for (Throwable t : exceptions) {
            if (t instanceof ExceptionGroup g) {
                ExceptionGroup sub = g.subgroup(condition);
                if (sub != null) {
                    kept.add(sub);
                }
            } else if (condition.test(t)) {
                kept.add(t);
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        return kept.equals(exceptions) ? this : derive(kept);
    }

    /** {@code except*}'s split: [matching members, the rest], each a group or null. */
    public List<ExceptionGroup> split(Class<? extends Throwable> type) {
        ExceptionGroup match = subgroup(type);
        ExceptionGroup rest = subgroup(t -> !(t instanceof ExceptionGroup) && !type.isInstance(t));
        List<ExceptionGroup> parts = new ArrayList<>(2);
        parts.add(match);
        parts.add(rest);
        return parts;
    }

    /** A group like this one with other members (Python's {@code derive}). */
    public ExceptionGroup derive(List<? extends Throwable> members) {
        return new ExceptionGroup(message, members);
    }
}
