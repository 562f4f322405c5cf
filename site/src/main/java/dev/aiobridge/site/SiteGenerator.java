package dev.aiobridge.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the site's generated AsciiDoc before Asciidoctor renders it, so that these pages cannot drift
 * from the code: the conformance pages (from bridge-core's scenarios, CPython traces and the Java tests
 * that name them), the API reference (from the compiled public classes) and the benchmark table and
 * chart (from the checked-in output of the last {@code benchmarks/run}).
 *
 * <p>Usage: {@code SiteGenerator <repository root> <asciidoc directory>}; the Maven build runs it in
 * {@code process-classes}.
 */
public final class SiteGenerator {

    private SiteGenerator() {
    }

    /** Generates every page; exits non-zero (failing the build) on any inconsistency. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SiteGenerator <repository root> <asciidoc directory>");
            System.exit(2);
        }
        Path repo = Path.of(args[0]).toAbsolutePath().normalize();
        Path adoc = Path.of(args[1]).toAbsolutePath().normalize();
        List<String> written = new java.util.ArrayList<>();
        written.addAll(new ConformancePages(repo, adoc).write());
        written.addAll(new ApiReference(repo, adoc).write());
        written.addAll(new BenchmarkPage(repo, adoc).write());
        System.out.println("[site] generated " + written.size() + " files: " + String.join(", ", written));
    }

    /** Writes {@code text} to {@code file} (UTF-8), creating its directory. */
    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Escapes text for an AsciiDoc table cell or paragraph (pipes and attribute references). */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("{", "\\{");
    }
}
