package dev.aiobridge.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The conformance pages: for each CPython scenario in bridge-core's test resources, the Python
 * program, CPython's trace and the Java test that reproduces it (any test source in the repository
 * that names the scenario), all included from the files themselves.
 */
final class ConformancePages {

    /** A group of scenarios by number, one page each. */
    private record Group(String prefix, String slug, String title, String intro) {
    }

    private static final List<Group> GROUPS = List.of(
            new Group("0", "generators", "Generators and coroutines",
                    "The generator protocol (next, send, throw, close, yield from) and native coroutines driven by hand."),
            new Group("x", "generators-extra", "Generators: close cascades and direct drives",
                    "Extra generator cases traced with CPython 3.11 while building the engine."),
            new Group("1", "tasks-loop", "Futures, tasks and the event loop",
                    "Future states and callbacks, Task steps, wakeups and cancellation, the loop's run-once batches."),
            new Group("2", "helpers", "gather, wait, timeouts, shield and TaskGroup",
                    "The helpers of asyncio's tasks.py, timeouts.py and taskgroups.py."),
            new Group("3", "sync-queues", "Locks, events, semaphores and queues",
                    "asyncio's locks.py and queues.py."),
            new Group("4", "asyncgen-context", "Async generators and context variables",
                    "PEP 525 async generators and PEP 567 context variables."),
            new Group("5", "streams", "Streams and TCP",
                    "asyncio's streams, transports and protocols over loopback TCP."));

    private static final Pattern ROW = Pattern.compile("^\\| ([0-9x]\\d\\d_[a-z0-9_]+) \\| (.*) \\|$");

    private final Path repo;
    private final Path adoc;
    private final Path conformance;

    ConformancePages(Path repo, Path adoc) {
        this.repo = repo;
        this.adoc = adoc;
        this.conformance = repo.resolve("bridge-core/src/test/resources/conformance");
    }

    List<String> write() throws IOException {
        Map<String, String> rules = rules();
        Map<String, List<String>> tests = javaTests(rules.keySet());
        List<String> scenarios;
        try (Stream<Path> s = Files.list(conformance.resolve("scenarios"))) {
            scenarios = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".py"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .sorted()
                    .toList();
        }
        for (String name : scenarios) {
            if (!Files.exists(conformance.resolve("expected/" + name + ".txt"))) {
                throw new IllegalStateException("scenario " + name + " has no expected trace");
            }
            if (!rules.containsKey(name)) {
                throw new IllegalStateException("scenario " + name + " is not in conformance/README.md's table");
            }
        }
        List<String> written = new ArrayList<>();
        StringBuilder index = new StringBuilder();
        int translated = 0;
        for (String name : scenarios) {
            if (!tests.getOrDefault(name, List.of()).isEmpty()) {
                translated++;
            }
        }
        index.append("= Conformance: CPython's traces, replayed\n")
                .append(":description: Every CPython scenario the project translates, with the Java test that replays it.\n\n")
                .append("Each scenario below is a small CPython 3.11 program that prints a trace, one event per line. "
                        + "A Java test does the same thing with aiobridge and asserts that it prints the same lines, "
                        + "byte for byte, on both continuation engines (`jdk` and `threads`). "
                        + "This page and the pages it links are generated at build time from "
                        + "`bridge-core/src/test/resources/conformance` and the test sources, so they cannot drift.\n\n")
                .append(translated).append(" of ").append(scenarios.size())
                .append(" scenarios are translated. How to read a trace, and what is deliberately not pinned: "
                        + "<<conformance-notes,the suite's notes>>.\n\n");
        for (Group g : GROUPS) {
            List<String> members = scenarios.stream().filter(n -> n.startsWith(g.prefix())).toList();
            if (members.isEmpty()) {
                continue;
            }
            String page = "conformance-" + g.slug();
            index.append("== ").append(g.title()).append("\n\n").append(g.intro()).append("\n\n")
                    .append("[cols=\"2,5,3\",options=\"header\"]\n|===\n| scenario | rule | Java test\n");
            StringBuilder p = new StringBuilder();
            p.append("= Conformance: ").append(g.title()).append("\n\n").append(g.intro())
                    .append(" Back to the <<conformance.adoc#,conformance index>>.\n\n");
            for (String name : members) {
                List<String> javas = tests.getOrDefault(name, List.of());
                String id = "scenario-" + name.substring(0, 3);
                index.append("| <<").append(page).append(".adoc#").append(id).append(",").append(name).append(">>\n")
                        .append("| ").append(SiteGenerator.cell(rules.get(name))).append("\n")
                        .append("| ").append(javas.isEmpty() ? "not translated yet"
                                : String.join(" +\n", javas.stream().map(j -> "`" + simpleName(j) + "`").toList()))
                        .append("\n");
                p.append("[[").append(id).append("]]\n== ").append(name).append("\n\n")
                        .append("Rule: ").append(SiteGenerator.cell(rules.get(name))).append("\n\n");
                p.append(".The Python program (`scenarios/").append(name).append(".py`)\n")
                        .append("[source,python]\n----\ninclude::{repo}/bridge-core/src/test/resources/conformance/scenarios/")
                        .append(name).append(".py[]\n----\n\n");
                p.append(".CPython's trace (`expected/").append(name).append(".txt`)\n")
                        .append("[source,text]\n----\ninclude::{repo}/bridge-core/src/test/resources/conformance/expected/")
                        .append(name).append(".txt[]\n----\n\n");
                if (javas.isEmpty()) {
                    p.append("NOTE: Not translated yet: no Java test names this scenario.\n\n");
                }
                for (String java : javas) {
                    p.append(".The Java test that reproduces it (`").append(java).append("`)\n")
                            .append("[source,java]\n----\ninclude::{repo}/").append(java).append("[]\n----\n\n");
                }
            }
            index.append("|===\n\n");
            SiteGenerator.write(adoc.resolve(page + ".adoc"), p.toString());
            written.add(page + ".adoc");
        }
        index.append("[[conformance-notes]]\n== Notes on the suite\n\n")
                .append("The suite's own README, as checked in beside the scenarios:\n\n")
                .append("[source,markdown]\n----\ninclude::{repo}/bridge-core/src/test/resources/conformance/README.md[]\n----\n");
        SiteGenerator.write(adoc.resolve("conformance.adoc"), index.toString());
        written.add("conformance.adoc");
        return written;
    }

    /** The rule of each scenario, from the table in conformance/README.md. */
    private Map<String, String> rules() throws IOException {
        Map<String, String> rules = new TreeMap<>();
        for (String line : Files.readAllLines(conformance.resolve("README.md"), StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                rules.put(m.group(1), m.group(2).strip());
            }
        }
        // scenarios traced outside the README's table carry their rule in their docstring
        try (Stream<Path> s = Files.list(conformance.resolve("scenarios"))) {
            for (Path py : s.filter(p -> p.toString().endsWith(".py")).toList()) {
                String name = py.getFileName().toString().replace(".py", "");
                rules.computeIfAbsent(name, n -> docstring(py));
            }
        }
        return rules;
    }

    private static String docstring(Path py) {
        try {
            String text = Files.readString(py, StandardCharsets.UTF_8).strip();
            if (text.startsWith("\"\"\"")) {
                int end = text.indexOf("\"\"\"", 3);
                return text.substring(3, end).strip().replaceAll("\\s+", " ");
            }
            throw new IllegalStateException(py + " has neither a README row nor a docstring");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Test sources (relative to the repository) that name each scenario in a string literal. */
    private Map<String, List<String>> javaTests(java.util.Set<String> names) throws IOException {
        Map<String, List<String>> found = new LinkedHashMap<>();
        List<Path> sources = new ArrayList<>();
        Files.walkFileTree(repo, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a) {
                String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(repo) && (n.equals("target") || n.startsWith(".") || n.equals("node_modules")
                        || dir.equals(repo.resolve("site")));
                return skip ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                if (file.toString().endsWith(".java") && repo.relativize(file).toString().contains("src/test/java/")) {
                    sources.add(file);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        sources.sort(null);
        for (Path source : sources) {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            for (String name : names) {
                if (text.contains("\"" + name + "\"")) {
                    found.computeIfAbsent(name, n -> new ArrayList<>()).add(repo.relativize(source).toString());
                }
            }
        }
        return found;
    }

    private static String simpleName(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.substring(0, file.length() - ".java".length());
    }
}
