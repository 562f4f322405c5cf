package dev.aiobridge.benchmarks;

/** JVM flags for the forks: the continuation export, and an engine choice. */
final class Flags {
    static final String EXPORT = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";
    static final String JDK = "-Daiobridge.engine=jdk";
    static final String THREADS = "-Daiobridge.engine=threads";
    /** One busy thread per core beside the trial (see {@link Load#startIfAsked}): the "loaded" measures. */
    static final String LOADED = "-D" + Load.PROPERTY + "=true";

    private Flags() {
    }

    /** Fails the trial when the fork did not get the engine its flags ask for. */
    static void expectEngine(String name) {
        String engine = dev.aiobridge.generator.Generator.engine();
        if (!engine.equals(name)) {
            throw new IllegalStateException("this benchmark expects the " + name + " engine, the fork runs " + engine);
        }
    }
}
