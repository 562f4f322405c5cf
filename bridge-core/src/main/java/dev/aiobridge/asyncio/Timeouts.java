package dev.aiobridge.asyncio;

import java.time.Duration;
import java.util.Objects;

/** The one conversion of a {@link Duration} to the seconds every timeout and delay is measured in. */
final class Timeouts {
    private Timeouts() {
    }

    /** {@code duration} in seconds (exact to the nanosecond for any delay a loop can wait). */
    static double seconds(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return duration.getSeconds() + duration.getNano() / 1e9;
    }
}
