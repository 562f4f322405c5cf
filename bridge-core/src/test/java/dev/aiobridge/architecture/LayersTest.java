package dev.aiobridge.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers, enforced by an import scan of the sources and a look at the compiled public API: no
 * package cycle in bridge-core; only the facade itself uses {@code AsyncIO}; no type of
 * {@code dev.aiobridge.internal} in a public signature; bridge-reactor and bridge-spring on published
 * API only.
 */
class LayersTest {
    private static final Path CORE = Path.of("src/main/java");
    /** The modules built on bridge-core, which may use its published API only. */
    private static final List<Path> BRIDGES = List.of(
            Path.of("../bridge-reactor/src/main/java"), Path.of("../bridge-spring/src/main/java"));
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.aiobridge(?:\\.[a-z]\\w*)+)\\.([A-Z]\\w*)");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"", Pattern.DOTALL);

    @Test
    void bridgeCoreHasNoPackageCycle() throws IOException {
        Map<String, Set<String>> graph = packageGraph(CORE);
        assertThat(graph).containsKeys("dev.aiobridge.asyncio", "dev.aiobridge.generator");
        List<String> cycle = findCycle(graph);
        assertThat(cycle).as("a package cycle").isEmpty();
    }

    /**
     * The facade sits on top of the layers it re-exports (CPython's {@code asyncio/__init__.py}): no class
     * in a package the facade depends on, directly or not, calls up into it. The layers built beside it
     * (streams, transports, like CPython's {@code streams.py}) may.
     */
    @Test
    void noLayerBelowTheFacadeUsesIt() throws IOException {
        Map<String, Set<String>> graph = packageGraph(CORE);
        Set<String> below = new TreeSet<>();
        List<String> todo = new ArrayList<>(List.of("dev.aiobridge.asyncio"));
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (below.add(p)) {
                todo.addAll(graph.getOrDefault(p, Set.of()));
            }
        }
        assertThat(below).contains("dev.aiobridge.asyncio", "dev.aiobridge.coroutine", "dev.aiobridge.generator");
        List<String> users = new ArrayList<>();
        for (Path file : javaFiles(CORE)) {
            String pkg = CORE.relativize(file.getParent()).toString().replace('/', '.');
            if (below.contains(pkg) && !file.getFileName().toString().equals("AsyncIO.java")
                    && Pattern.compile("\\bAsyncIO\\b").matcher(code(file)).find()) {
                users.add(CORE.relativize(file).toString());
            }
        }
        assertThat(users).as("classes below the facade that use AsyncIO").isEmpty();
    }

    @Test
    void bridgesUsePublishedApiOnly() throws IOException {
        Set<String> internal = new TreeSet<>();
        for (Path root : BRIDGES) {
            assertThat(root).isDirectory();
            for (Path file : javaFiles(root)) {
                Matcher m = REFERENCE.matcher(code(file));
                while (m.find()) {
                    if (m.group(1).startsWith("dev.aiobridge.internal")) {
                        internal.add(file + ": " + m.group(1) + "." + m.group(2));
                    }
                }
            }
        }
        assertThat(internal).as("internal types used by bridge-reactor or bridge-spring").isEmpty();
    }

    @Test
    void noInternalTypeInAPublicSignature() throws Exception {
        List<String> leaks = new ArrayList<>();
        Path classes = Path.of("target/classes");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        int checked = 0;
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            if (name.startsWith("dev.aiobridge.internal") || name.endsWith("module-info")
                    || name.endsWith("package-info")) {
                continue;
            }
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!isPublished(type)) {
                continue;
            }
            checked++;
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (isApi(c.getModifiers())) {
                    check(leaks, c.toGenericString(), c.getGenericParameterTypes());
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (isApi(m.getModifiers()) && !m.isSynthetic()) {
                    check(leaks, m.toGenericString(), m.getGenericParameterTypes());
                    check(leaks, m.toGenericString(), m.getGenericReturnType());
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (isApi(f.getModifiers())) {
                    check(leaks, f.toGenericString(), f.getGenericType());
                }
            }
            for (Type t : type.getGenericInterfaces()) {
                check(leaks, type.getName() + " implements", t);
            }
            check(leaks, type.getName() + " extends", type.getGenericSuperclass());
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(leaks).as("internal types in public signatures").isEmpty();
    }

    private static boolean isPublished(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isApi(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(List<String> leaks, String where, Type... types) {
        for (Type t : types) {
            if (t != null && t.getTypeName().contains("dev.aiobridge.internal")) {
                leaks.add(where);
            }
        }
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String code(Path file) throws IOException {
        return COMMENT.matcher(Files.readString(file)).replaceAll(" ");
    }

    private static Map<String, Set<String>> packageGraph(Path root) throws IOException {
        Map<String, Set<String>> graph = new HashMap<>();
        for (Path file : javaFiles(root)) {
            if (file.getFileName().toString().equals("package-info.java")) {
                continue;
            }
            String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
            Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(code(file));
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    deps.add(m.group(1));
                }
            }
        }
        return graph;
    }

    private static List<String> findCycle(Map<String, Set<String>> graph) {
        Set<String> done = new HashSet<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = dfs(start, graph, path, new HashSet<>(), done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> dfs(String node, Map<String, Set<String>> graph, List<String> path,
                                     Set<String> onPath, Set<String> done) {
        if (onPath.contains(node)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        if (!done.add(node)) {
            return List.of();
        }
        path.add(node);
        onPath.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> cycle = dfs(next, graph, path, onPath, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        onPath.remove(node);
        path.remove(path.size() - 1);
        return List.of();
    }
}
