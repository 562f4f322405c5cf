package dev.aiobridge.spring;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code aiobridge.*} configuration properties of the Spring Boot auto-configuration.
 *
 * <pre>
 * aiobridge.debug=false                     # asyncio's debug mode on the loop
 * aiobridge.slow-callback-duration=100ms    # in debug mode, a step or callback longer than this is reported
 * aiobridge.loops=1                         # how many loops: only 1 for now
 * aiobridge.thread-name=aiobridge-loop      # the loop thread's name
 * aiobridge.thread-kind=auto                # platform, virtual, or auto: virtual on the threads engine
 * aiobridge.context-propagation=true        # ThreadLocals/MDC into tasks (needs io.micrometer:context-propagation)
 * </pre>
 */
@ConfigurationProperties("aiobridge")
public class AiobridgeProperties {
    private boolean debug;
    private Duration slowCallbackDuration = Duration.ofMillis(100);
    private int loops = 1;
    private String threadName = "aiobridge-loop";
    private boolean contextPropagation = true;
    private ThreadKind threadKind = ThreadKind.AUTO;

    /** Which kind of thread runs the loop. */
    public enum ThreadKind {
        /**
         * A virtual thread on the {@code threads} engine (where every task's body is a virtual thread, and
         * the loop taking turns with them on the carriers makes a task step many times cheaper on a busy
         * machine), a platform thread on the {@code jdk} engine.
         */
        AUTO,
        /** A daemon platform thread. */
        PLATFORM,
        /** A virtual thread. */
        VIRTUAL
    }

    /** True to run the loop in asyncio's debug mode. */
    public boolean isDebug() {
        return debug;
    }

    /** Turns asyncio's debug mode on the loop on or off. */
    public void setDebug(boolean debug) {
        this.debug = debug;
    }

    /** In debug mode, a step or callback that runs longer than this is reported. */
    public Duration getSlowCallbackDuration() {
        return slowCallbackDuration;
    }

    /** Sets the slow callback threshold (positive). */
    public void setSlowCallbackDuration(Duration slowCallbackDuration) {
        Objects.requireNonNull(slowCallbackDuration, "slowCallbackDuration");
        if (slowCallbackDuration.isNegative() || slowCallbackDuration.isZero()) {
            throw new IllegalArgumentException("aiobridge.slow-callback-duration must be positive, got "
                    + slowCallbackDuration);
        }
        this.slowCallbackDuration = slowCallbackDuration;
    }

    /** How many event loops: 1 (a group of loops is not supported yet). */
    public int getLoops() {
        return loops;
    }

    /** Sets the loop count; only 1 is supported for now, anything else fails the binding with the reason. */
    public void setLoops(int loops) {
        if (loops != 1) {
            throw new IllegalArgumentException("aiobridge.loops=" + loops + " is not supported yet: one event "
                    + "loop per application for now (a group of loops is planned); remove the property or set 1");
        }
        this.loops = loops;
    }

    /** The loop thread's name. */
    public String getThreadName() {
        return threadName;
    }

    /** Sets the loop thread's name. */
    public void setThreadName(String threadName) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
    }

    /** Which kind of thread runs the loop ({@link ThreadKind#AUTO} unless set). */
    public ThreadKind getThreadKind() {
        return threadKind;
    }

    /** Sets which kind of thread runs the loop. */
    public void setThreadKind(ThreadKind threadKind) {
        this.threadKind = Objects.requireNonNull(threadKind, "threadKind");
    }

    /** True to carry ThreadLocals (MDC, observations) into tasks when context-propagation is present. */
    public boolean isContextPropagation() {
        return contextPropagation;
    }

    /** Turns ThreadLocal propagation into tasks on or off. */
    public void setContextPropagation(boolean contextPropagation) {
        this.contextPropagation = contextPropagation;
    }
}
