package dev.aiobridge.internal.debug;

import dev.aiobridge.internal.engine.LoopHooks;
import dev.aiobridge.internal.engine.Strand;

/**
 * Debug mode, asyncio's {@code PYTHONASYNCIODEBUG}: on for the whole JVM with {@code -Daiobridge.debug=true}
 * or the environment variable {@code AIOBRIDGE_DEBUG=1}, or for the code running under an event loop
 * in debug mode ({@code loop.setDebug(true)}).
 */
public final class Debug {
    private static final boolean GLOBAL = Boolean.getBoolean("aiobridge.debug")
            || isSet(System.getenv("AIOBRIDGE_DEBUG"));

    private Debug() {
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }

    /** True when debug mode is on for the whole JVM. */
    public static boolean global() {
        return GLOBAL;
    }

    /** How many event loops have debug mode on: when none, {@link #enabled()} is one field read. */
    private static volatile int debugLoops;

    /** An event loop turned debug mode on ({@code true}) or off. */
    public static synchronized void loopDebug(boolean on) {
        debugLoops = Math.max(0, debugLoops + (on ? 1 : -1));
    }

    /** True when debug mode is on here: for the JVM, or for the loop running on this logical thread. */
    public static boolean enabled() {
        LoopHooks hooks;
        return GLOBAL || (debugLoops > 0 && (hooks = Strand.current().loopHooks) != null && hooks.debug());
    }

    /** Where a report about a dropped object goes: the hooks of the calling logical thread's running loop, or null. */
    public static LoopHooks currentSink() {
        return Strand.current().loopHooks;
    }

    /** Reports to {@code sink} if there is one, else to the platform logger. */
    public static void report(LoopHooks sink, String message, Throwable exception, Object subject) {
        if (sink != null) {
            sink.reportLater(message, exception, subject);
        } else {
            System.getLogger("dev.aiobridge").log(System.Logger.Level.WARNING, message, exception);
        }
    }
}
