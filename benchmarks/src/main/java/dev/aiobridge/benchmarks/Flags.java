package dev.aiobridge.benchmarks;

/** JVM flags for the forks: the continuation export, and an engine choice. */
final class Flags {
    static final String EXPORT = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";
    static final String JDK = "-Daiobridge.engine=jdk";
    static final String THREADS = "-Daiobridge.engine=threads";

    private Flags() {
    }
}
