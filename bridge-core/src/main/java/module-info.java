/**
 * aiobridge's core: Python's generators, coroutines and asyncio event loop on the JVM, with the
 * networking layer (transports, protocols, streams, TLS). JDK only.
 *
 * <p>The fast continuation engine needs {@code java.base/jdk.internal.vm} exported to this module:
 * {@code --add-exports java.base/jdk.internal.vm=dev.aiobridge.core} on the module path
 * ({@code =ALL-UNNAMED} on the class path). Without it the {@code threads} engine is used. The
 * {@code dev.aiobridge.internal} packages are not exported.
 */
module dev.aiobridge.core {
    exports dev.aiobridge.asyncio;
    exports dev.aiobridge.builtins;
    exports dev.aiobridge.context;
    exports dev.aiobridge.coroutine;
    exports dev.aiobridge.generator;
    exports dev.aiobridge.queue;
    exports dev.aiobridge.streams;
    exports dev.aiobridge.sync;
    exports dev.aiobridge.transport;
}
