package dev.aiobridge.asyncio;

/** Test access to a selector loop's registrations, for tests outside the package (nothing leaks). */
public final class SelectorProbe {
    private SelectorProbe() {
    }

    /** How many channels have a reader or a writer on {@code loop}. */
    public static int registeredChannels(SelectorEventLoop loop) {
        return loop.registeredChannels();
    }

    /** How many keys {@code loop}'s selector holds, idle and closing ones included. */
    public static int selectorKeys(SelectorEventLoop loop) {
        return loop.selectorKeys();
    }
}
