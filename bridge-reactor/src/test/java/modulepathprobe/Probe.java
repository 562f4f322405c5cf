package modulepathprobe;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.reactor.ReactorBridge;
import java.util.List;

/**
 * An application on the class path using aiobridge's modules from the module path (run by
 * {@code ModulePathTest} in a JVM of its own): prints what it sees, one fact per line.
 */
public final class Probe {
    private Probe() {
    }

    /** Prints the modules, their exports, the engine, and the results of a generator Flux and a coroutine. */
    public static void main(String[] args) {
        Module core = Generator.class.getModule();
        Module reactor = ReactorBridge.class.getModule();
        System.out.println("core module: " + core.getName());
        System.out.println("reactor module: " + reactor.getName());
        for (String p : List.of("asyncio", "builtins", "context", "coroutine", "generator", "queue", "streams",
                "sync", "transport")) {
            if (!core.isExported("dev.aiobridge." + p)) {
                System.out.println("not exported: dev.aiobridge." + p);
            }
        }
        for (String p : List.of("debug", "engine", "gen")) {
            if (core.isExported("dev.aiobridge.internal." + p)) {
                System.out.println("exported: dev.aiobridge.internal." + p);
            }
        }
        List<Integer> values = ReactorBridge.<Integer>flux(() -> Generator.<Integer, Object>ofVoid(g -> {
            for (int i = 1; i <= 3; i++) {
                g.yield(i);
            }
        })).collectList().block();
        System.out.println("flux: " + values);
        System.out.println("coroutine: " + AsyncIO.run(Coroutine.of(a -> {
            a.await(AsyncIO.sleep(0));
            return 42;
        })));
        System.out.println("engine: " + Generator.engine());
    }
}
