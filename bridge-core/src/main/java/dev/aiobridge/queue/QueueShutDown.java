package dev.aiobridge.queue;

/** Raised by a queue's put and get once it is shut down (3.13's {@code QueueShutDown}; get only when it is also empty). */
public class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error, without a message (as asyncio raises it). */
    public QueueShutDown() {
        super();
    }
}
