package dev.aiobridge.site;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The API reference page: every public type and member of the published packages (found on the class
 * path, {@code internal} packages left out), each linked to its javadoc, with its Python counterpart
 * beside it from {@code data/api-python.tsv} ({@code Type} or {@code Type.member}, a tab, AsciiDoc text).
 */
final class ApiReference {

    private static final String ROOT = "dev/aiobridge/";

    private final Path adoc;
    private final JavadocSummaries summaries;

    ApiReference(Path repo, Path adoc) throws IOException {
        this.adoc = adoc;
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> modules = Files.list(repo)) {
            for (Path m : modules.sorted().toList()) {
                String n = m.getFileName().toString();
                Path src = m.resolve("src/main/java");
                if (Files.isDirectory(src) && !n.equals("examples") && !n.equals("benchmarks") && !n.equals("site")) {
                    roots.add(src);
                }
            }
        }
        this.summaries = new JavadocSummaries(roots);
    }

    List<String> write() throws IOException {
        Map<String, String> python = python();
        Map<String, List<Class<?>>> byPackage = new TreeMap<>();
        for (Class<?> c : publishedTypes()) {
            byPackage.computeIfAbsent(c.getPackageName(), p -> new ArrayList<>()).add(c);
        }
        if (byPackage.isEmpty()) {
            throw new IllegalStateException("no published classes on the class path");
        }
        Set<String> used = new TreeSet<>();
        StringBuilder out = new StringBuilder();
        out.append("= API reference: Python beside Java\n:toclevels: 2\n\n")
                .append("Every public type and member of the published modules, generated at build time from the "
                        + "compiled classes (so nothing public is missing), each linked to its javadoc, with the "
                        + "Python it stands for beside it. A member without a Python column is Java-only "
                        + "(a bridge, an introspection aid, or a Java idiom such as `AutoCloseable`). "
                        + "The whole javadoc: link:apidocs/index.html[aggregated javadoc].\n\n");
        int types = 0;
        int members = 0;
        for (Map.Entry<String, List<Class<?>>> e : byPackage.entrySet()) {
            out.append("== Package `").append(e.getKey()).append("`\n\n");
            List<Class<?>> classes = e.getValue();
            classes.sort(Comparator.comparing(ApiReference::docName));
            for (Class<?> c : classes) {
                types++;
                String name = docName(c);
                String page = "apidocs/" + c.getPackageName().replace('.', '/') + "/" + name + ".html";
                out.append("[[api-").append(name.replace('.', '-')).append("]]\n=== ").append(name).append("\n\n");
                String summary = summaries.ofType(c.getPackageName(), name);
                if (!summary.isEmpty()) {
                    out.append(summary).append("\n\n");
                }
                out.append(kind(c)).append(" `").append(c.getName()).append("` (link:").append(page)
                        .append("[javadoc])");
                String py = python.get(name);
                if (py != null) {
                    used.add(name);
                    out.append(". Python: ").append(py);
                }
                out.append("\n\n");
                List<Row> rows = rows(c);
                if (rows.isEmpty()) {
                    continue;
                }
                Map<String, String> what = summaries.ofMembers(c.getPackageName(), name);
                out.append("[cols=\"4,4,3\",options=\"header\"]\n|===\n| Java | what | Python\n");
                for (Row r : rows) {
                    members++;
                    String key = name + "." + r.name();
                    String p = python.get(key);
                    if (p != null) {
                        used.add(key);
                    }
                    out.append("| link:").append(page).append("#").append(r.anchor()).append("[`+")
                            .append(r.label()).append("+`]\n| ")
                            .append(what.getOrDefault(r.name().equals("new") ? name.substring(name.lastIndexOf('.') + 1) : r.name(), "").replace("|", "\\|"))
                            .append("\n| ").append(p == null ? "" : p).append("\n");
                }
                out.append("|===\n\n");
            }
        }
        Set<String> stale = new TreeSet<>(python.keySet());
        stale.removeAll(used);
        if (!stale.isEmpty()) {
            // a renamed API leaves its old Python notes behind: say so in the build log
            System.out.println("[site] api-python.tsv names no longer public: " + stale);
        }
        out.append("'''\n\n").append(types).append(" types, ").append(members).append(" members.\n");
        SiteGenerator.write(adoc.resolve("reference.adoc"), out.toString());
        return List.of("reference.adoc");
    }

    private record Row(String name, String label, String anchor, int order) {
        Row {
            anchor = anchor.replace("[", "%5B").replace("]", "%5D");
        }
    }

    private static List<Row> rows(Class<?> c) {
        List<Row> rows = new ArrayList<>();
        if (c.isEnum()) {
            for (Object constant : c.getEnumConstants()) {
                String n = ((Enum<?>) constant).name();
                rows.add(new Row(n, n, n, 0));
            }
        }
        for (Field f : c.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) && !f.isEnumConstant() && !f.isSynthetic()) {
                rows.add(new Row(f.getName(), f.getName() + " : " + simple(f.getGenericType()), f.getName(), 1));
            }
        }
        if (!c.isInterface() && !c.isEnum() && !Modifier.isAbstract(c.getModifiers())) {
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers()) && !k.isSynthetic()) {
                    rows.add(new Row("new", "new " + docName(c) + "(" + params(k, false) + ")",
                            "%3Cinit%3E(" + params(k, true) + ")", 2));
                }
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || m.isBridge()) {
                continue;
            }
            if (c.isEnum() && (m.getName().equals("values") || m.getName().equals("valueOf"))) {
                continue;
            }
            if (c.isRecord() && m.getParameterCount() == 0
                    && (m.getName().equals("hashCode") || m.getName().equals("toString"))) {
                continue;
            }
            String label = (Modifier.isStatic(m.getModifiers()) ? "static " : "") + m.getName()
                    + "(" + params(m, false) + ") -> " + simple(m.getGenericReturnType());
            rows.add(new Row(m.getName(), label, m.getName() + "(" + params(m, true) + ")", 3));
        }
        rows.sort(Comparator.comparingInt(Row::order).thenComparing(Row::name).thenComparing(Row::label));
        return rows;
    }

    /** Parameter types: simple names for reading, or javadoc's anchor spelling. */
    private static String params(Executable x, boolean anchor) {
        Type[] types = x.getGenericParameterTypes();
        if (types.length != x.getParameterCount()) {
            types = x.getParameterTypes(); // inner-class constructors, enums
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            boolean varargs = x.isVarArgs() && i == types.length - 1;
            String t = anchor ? erased(types[i]) : simple(types[i]);
            if (varargs) {
                t = t.substring(0, t.length() - 2) + (anchor ? "%2E%2E%2E" : "...");
            }
            out.add(t);
        }
        return String.join(anchor ? "," : ", ", out);
    }

    /** Javadoc's spelling of a parameter type in a member anchor. */
    private static String erased(Type t) {
        if (t instanceof Class<?> k) {
            return k.isArray() ? erased(k.getComponentType()) + "[]" : k.getCanonicalName();
        }
        if (t instanceof TypeVariable<?> v) {
            return v.getName();
        }
        if (t instanceof ParameterizedType p) {
            return erased(p.getRawType());
        }
        if (t instanceof GenericArrayType a) {
            return erased(a.getGenericComponentType()) + "[]";
        }
        return t.getTypeName();
    }

    /** A readable type: simple names, generics kept. */
    private static String simple(Type t) {
        if (t instanceof Class<?> k) {
            return k.isArray() ? simple(k.getComponentType()) + "[]" : docName(k);
        }
        if (t instanceof TypeVariable<?> v) {
            return v.getName();
        }
        if (t instanceof ParameterizedType p) {
            List<String> args = new ArrayList<>();
            for (Type a : p.getActualTypeArguments()) {
                args.add(simple(a));
            }
            return simple(p.getRawType()) + "<" + String.join(", ", args) + ">";
        }
        if (t instanceof GenericArrayType a) {
            return simple(a.getGenericComponentType()) + "[]";
        }
        if (t instanceof WildcardType w) {
            if (w.getLowerBounds().length > 0) {
                return "? super " + simple(w.getLowerBounds()[0]);
            }
            Type[] up = w.getUpperBounds();
            return up.length == 0 || up[0] == Object.class ? "?" : "? extends " + simple(up[0]);
        }
        return t.getTypeName();
    }

    /** The name javadoc gives the type's page: {@code Outer.Inner}. */
    private static String docName(Class<?> c) {
        if (c.isPrimitive()) {
            return c.getName();
        }
        String pkg = c.getPackageName();
        String canonical = c.getCanonicalName();
        return canonical == null ? c.getSimpleName() : canonical.substring(pkg.isEmpty() ? 0 : pkg.length() + 1);
    }

    private static String kind(Class<?> c) {
        if (c.isAnnotation()) {
            return "Annotation";
        }
        if (c.isEnum()) {
            return "Enum";
        }
        if (c.isRecord()) {
            return "Record";
        }
        if (c.isInterface()) {
            return c.isAnnotationPresent(FunctionalInterface.class) ? "Functional interface" : "Interface";
        }
        if (Throwable.class.isAssignableFrom(c)) {
            return "Exception";
        }
        return Modifier.isAbstract(c.getModifiers()) ? "Abstract class" : "Class";
    }

    /** Public types of the published packages on this JVM's class path. */
    private static List<Class<?>> publishedTypes() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path root = p.resolve(ROOT);
                if (Files.isDirectory(root)) {
                    try (Stream<Path> s = Files.walk(root)) {
                        s.map(f -> p.relativize(f).toString().replace(File.separatorChar, '/')).forEach(names::add);
                    }
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    jar.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.startsWith(ROOT)).forEach(names::add);
                }
            }
        }
        List<Class<?>> out = new ArrayList<>();
        ClassLoader loader = ApiReference.class.getClassLoader();
        for (String n : names) {
            if (!n.endsWith(".class") || n.contains("/internal/") || n.startsWith(ROOT + "site/")
                    || n.startsWith(ROOT + "examples/") || n.endsWith("module-info.class")
                    || n.endsWith("package-info.class")) {
                continue;
            }
            String className = n.substring(0, n.length() - ".class".length()).replace('/', '.');
            Class<?> c;
            try {
                c = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + className, e);
            }
            if (isPublished(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean isPublished(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass() || k.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    /** The Python column: {@code Type[.member]}, a tab, AsciiDoc text; blank lines and # comments ignored. */
    private Map<String, String> python() throws IOException {
        Map<String, String> map = new HashMap<>();
        Path file = adoc.resolve("data/api-python.tsv");
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalStateException("api-python.tsv: no tab in: " + line);
            }
            map.put(line.substring(0, tab).strip(), line.substring(tab + 1).strip().replace("|", "\\|"));
        }
        return map;
    }
}
