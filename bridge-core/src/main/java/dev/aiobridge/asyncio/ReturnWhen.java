package dev.aiobridge.asyncio;

/** When {@link AsyncIO#wait} returns: asyncio's {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION}, {@code ALL_COMPLETED}. */
public enum ReturnWhen {
    /** As soon as any future is done. */
    FIRST_COMPLETED,
    /** When any future raises, or when all are done. */
    FIRST_EXCEPTION,
    /** When all are done. */
    ALL_COMPLETED
}
