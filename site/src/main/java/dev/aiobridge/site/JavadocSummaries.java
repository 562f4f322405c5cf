package dev.aiobridge.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first sentence of the javadoc of a public type and of its members, read from the source files of
 * the published modules, for the API reference.
 */
final class JavadocSummaries {

    private final List<Path> sourceRoots;
    private final Map<String, String> files = new HashMap<>();

    JavadocSummaries(List<Path> sourceRoots) {
        this.sourceRoots = sourceRoots;
    }

    /** The summary of type {@code docName} ({@code Outer.Inner}) in {@code pkg}, or "". */
    String ofType(String pkg, String docName) {
        String body = enclosingBody(pkg, docName, true);
        return body == null ? "" : body;
    }

    /** The summaries of the members declared directly in the type, by member name (first overload wins). */
    Map<String, String> ofMembers(String pkg, String docName) {
        Map<String, String> out = new HashMap<>();
        String body = enclosingBody(pkg, docName, false);
        if (body == null) {
            return out;
        }
        Matcher m = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*"
                + "([^;{}()=/]*?)\\b(\\w+)\\s*[(;=]", Pattern.DOTALL).matcher(body);
        while (m.find()) {
            String name = m.group(3);
            String head = m.group(2);
            if (head.matches("(?s).*\\b(class|interface|record|enum)\\s*$")) {
                continue;
            }
            out.putIfAbsent(name, firstSentence(m.group(1)));
        }
        return out;
    }

    /**
     * For {@code summaryOnly}, the first sentence of the type's own javadoc; otherwise the text of its
     * body at its own nesting level (member bodies and nested types' bodies blanked).
     */
    private String enclosingBody(String pkg, String docName, boolean summaryOnly) {
        String[] names = docName.split("\\.");
        String source = source(pkg, names[0]);
        if (source == null) {
            return null;
        }
        int from = 0;
        String text = source;
        String doc = "";
        for (String name : names) {
            Matcher m = Pattern.compile("(?:/\\*\\*((?:(?!\\*/).)*)\\*/\\s*)?(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*"
                    + "(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+" + name + "\\b[^{]*\\{", Pattern.DOTALL)
                    .matcher(text);
            if (!m.find(from)) {
                return null;
            }
            doc = m.group(1) == null ? "" : firstSentence(m.group(1));
            int open = m.end() - 1;
            int close = matching(text, open);
            text = text.substring(0, close);
            from = open + 1;
        }
        if (summaryOnly) {
            return doc;
        }
        return levelOnly(text.substring(from));
    }

    private String source(String pkg, String topLevel) {
        String rel = pkg.replace('.', '/') + "/" + topLevel + ".java";
        return files.computeIfAbsent(rel, r -> {
            for (Path root : sourceRoots) {
                Path p = root.resolve(r);
                if (Files.isRegularFile(p)) {
                    try {
                        return Files.readString(p, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return null;
        });
    }

    /** The index of the brace closing the one at {@code open}, skipping comments and literals. */
    private static int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            int skip = skipNonCode(s, i);
            if (skip != i) {
                i = skip - 1;
                continue;
            }
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return s.length();
    }

    /** The text at nesting level 0 only: deeper braces' contents are dropped, comments kept. */
    private static String levelOnly(String s) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            int skip = skipNonCode(s, i);
            if (skip != i) {
                if (depth == 0) {
                    out.append(s, i, skip);
                }
                i = skip - 1;
                continue;
            }
            char c = s.charAt(i);
            if (c == '{') {
                if (depth == 0) {
                    out.append("{ }");
                }
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The index after a comment or literal starting at {@code i}, or {@code i}. */
    private static int skipNonCode(String s, int i) {
        if (s.startsWith("/*", i)) {
            int end = s.indexOf("*/", i + 2);
            return end < 0 ? s.length() : end + 2;
        }
        if (s.startsWith("//", i)) {
            int end = s.indexOf('\n', i);
            return end < 0 ? s.length() : end;
        }
        char c = s.charAt(i);
        if (s.startsWith("\"\"\"", i)) {
            int end = s.indexOf("\"\"\"", i + 3);
            return end < 0 ? s.length() : end + 3;
        }
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (j < s.length() && s.charAt(j) != c) {
                j += s.charAt(j) == '\\' ? 2 : 1;
            }
            return Math.min(j + 1, s.length());
        }
        return i;
    }

    /** The first sentence of a javadoc comment's text, as AsciiDoc. */
    static String firstSentence(String comment) {
        StringBuilder text = new StringBuilder();
        for (String line : comment.split("\n")) {
            String l = line.strip();
            if (l.startsWith("*")) {
                l = l.substring(1).strip();
            }
            if (l.startsWith("@")) {
                break;
            }
            text.append(l).append(' ');
        }
        String t = text.toString()
                .replaceAll("\\{@(?:code|literal) ([^{}]*(?:\\{(?!@)[^{}]*\\}[^{}]*)*)\\}", "`+$1+`")
                .replaceAll("\\{@(?:link|linkplain) [^\\s}]+ ([^}]*)\\}", "$1")
                .replaceAll("\\{@(?:link|linkplain) ([^}]*)\\}", "`+$1+`")
                .replaceAll("<[^>]+>", "")
                .replaceAll("\\s+", " ")
                .strip();
        Matcher end = Pattern.compile("\\.(\\s|$)").matcher(t);
        int cut = t.length();
        int search = 0;
        while (end.find(search)) {
            // not inside a `+...+` code span
            String before = t.substring(0, end.start());
            if (before.split("`\\+", -1).length == before.split("\\+`", -1).length) {
                cut = end.start() + 1;
                break;
            }
            search = end.end();
        }
        return t.substring(0, cut).replace("`+#", "`+").replace("#", ".");
    }
}
