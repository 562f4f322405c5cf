package dev.aiobridge.asyncio;

/** The loop's exception handler ({@code loop.set_exception_handler}). */
@FunctionalInterface
public interface ExceptionHandler {
    /** Handles one error report; an exception it raises is logged and the loop goes on. */
    void handle(EventLoop loop, ExceptionContext context);
}
