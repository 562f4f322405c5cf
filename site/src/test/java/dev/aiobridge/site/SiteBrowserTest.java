package dev.aiobridge.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens every page of the built site ({@code target/site}) in headless Chromium, served over HTTP on
 * loopback, and fails on a broken link or anchor, a missing image or stylesheet, a resource loaded
 * from another host (the site is offline), or any browser console error; checks that the navigation
 * reaches every page from the home page. The javadoc is checked where the site links into it (the
 * target exists, the member anchor exists) and its index page is opened once.
 *
 * <p>The browser: Debian's {@code chromium} and {@code chromium-driver} (or {@code CHROME_BIN} and
 * {@code CHROMEDRIVER}). Without them the test fails when {@code CI=true} and is skipped, with a
 * message, elsewhere.
 */
class SiteBrowserTest {

    private static final Path SITE = Path.of(System.getProperty("site.dir", "target/site"));
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");

    private static HttpServer server;
    private static String base;
    private static ChromeDriver browser;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        assertThat(SITE.resolve("index.html")).as("the site is built before the test phase").exists();
        Path chrome = firstExisting(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome");
        Path driver = firstExisting(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver",
                "/usr/lib/chromium/chromedriver");
        if (chrome == null || driver == null) {
            String why = "headless Chromium is needed to check the site: apt-get install chromium chromium-driver "
                    + "(or set CHROME_BIN and CHROMEDRIVER); found browser=" + chrome + ", driver=" + driver;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + " (CI=true: the check must run in CI)");
            }
            Assumptions.abort(why);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            Path file = SITE.resolve(path.substring(1)).normalize();
            if (path.endsWith("/")) {
                file = file.resolve("index.html");
            }
            byte[] body;
            int status;
            if (file.startsWith(SITE) && Files.isRegularFile(file)) {
                body = Files.readAllBytes(file);
                status = 200;
                exchange.getResponseHeaders().set("Content-Type", contentType(file.toString()));
            } else {
                body = ("not found: " + path).getBytes(StandardCharsets.UTF_8);
                status = 404;
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chrome.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void everyPageLoadsWithoutBrokenLinksMissingImagesOrConsoleErrors() throws Exception {
        List<String> pages = sitePages();
        assertThat(pages).contains("index.html", "getting-started.html", "concepts.html", "reference.html",
                "conformance.html");
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> ids = new HashMap<>();
        Map<String, Set<String>> linksFrom = new HashMap<>();
        Set<Target> targets = new LinkedHashSet<>();
        for (String page : pages) {
            browser.get(base + page);
            JavascriptExecutor js = browser;
            @SuppressWarnings("unchecked")
            List<String> pageIds = (List<String>) js.executeScript(
                    "return Array.from(document.querySelectorAll('[id]')).map(e => e.id)"
                            + ".concat(Array.from(document.querySelectorAll('a[name]')).map(e => e.name));");
            ids.put(page, new HashSet<>(pageIds));
            @SuppressWarnings("unchecked")
            List<String> hrefs = (List<String>) js.executeScript(
                    "return Array.from(document.querySelectorAll('a[href]')).map(a => a.href);");
            @SuppressWarnings("unchecked")
            List<String> resources = (List<String>) js.executeScript(
                    "return Array.from(document.querySelectorAll('img[src], script[src], link[href], object[data]'))"
                            + ".map(e => e.src || e.href || e.data);");
            @SuppressWarnings("unchecked")
            List<String> brokenImages = (List<String>) js.executeScript(
                    "return Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
                            + ".map(i => i.src);");
            for (String img : brokenImages) {
                problems.add(page + ": image does not load: " + img);
            }
            for (String r : resources) {
                if (r.startsWith("data:")) {
                    continue;
                }
                if (!r.startsWith(base)) {
                    problems.add(page + ": loads a resource from outside the site (the site must be offline): " + r);
                } else {
                    targets.add(new Target(page, r));
                }
            }
            Set<String> local = new TreeSet<>();
            for (String href : hrefs) {
                if (href.startsWith(base)) {
                    targets.add(new Target(page, href));
                    local.add(pathOf(href));
                } else if (!href.startsWith("http://") && !href.startsWith("https://") && !href.startsWith("mailto:")) {
                    problems.add(page + ": unexpected link scheme: " + href);
                }
            }
            linksFrom.put(page, local);
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                    problems.add(page + ": browser console " + entry.getLevel() + ": " + entry.getMessage());
                }
            }
        }
        for (Target t : targets) {
            String path = pathOf(t.url());
            String fragment = fragmentOf(t.url());
            if (path.isEmpty()) {
                path = "index.html";
            }
            if (ids.containsKey(path)) {
                if (fragment != null && !fragment.isEmpty() && !ids.get(path).contains(fragment)) {
                    problems.add(t.from() + ": broken anchor " + path + "#" + fragment);
                }
                continue;
            }
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(t.url().replaceFirst("#.*$", "")))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                problems.add(t.from() + ": broken link (" + r.statusCode() + "): " + path);
                continue;
            }
            if (fragment != null && !fragment.isEmpty()) {
                Set<String> targetIds = ids.computeIfAbsent(path, p -> idsOf(r.body()));
                if (!targetIds.contains(fragment)) {
                    problems.add(t.from() + ": broken anchor " + path + "#" + fragment);
                }
            }
        }
        assertThat(problems).as("problems found in the built site").isEmpty();

        // the navigation reaches every page from the home page
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of("index.html"));
        while (!todo.isEmpty()) {
            String p = todo.pop();
            if (reached.add(p)) {
                linksFrom.getOrDefault(p, Set.of()).forEach(todo::push);
            }
        }
        assertThat(reached).as("pages reached by following links from index.html").containsAll(pages);
        // and the sidebar, on every page, links the same set of pages
        for (String page : pages) {
            assertThat(linksFrom.get(page)).as("links of " + page).contains("index.html", "reference.html",
                    "apidocs/index.html");
        }
    }

    @Test
    void theJavadocIndexOpensWithoutConsoleErrors() {
        browser.get(base + "apidocs/index.html");
        assertThat(browser.getTitle()).contains("aiobridge");
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        assertThat(errors).as("console errors on the javadoc index").isEmpty();
    }

    private record Target(String from, String url) {
    }

    /** Every HTML page of the site, the javadoc left out (its own tool checks it). */
    private static List<String> sitePages() throws IOException {
        try (Stream<Path> s = Files.walk(SITE)) {
            return s.filter(p -> p.toString().endsWith(".html"))
                    .map(p -> SITE.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("apidocs/"))
                    .sorted()
                    .toList();
        }
    }

    private String pathOf(String url) {
        String rest = url.substring(base.length());
        int cut = rest.indexOf('#');
        rest = cut >= 0 ? rest.substring(0, cut) : rest;
        cut = rest.indexOf('?');
        rest = cut >= 0 ? rest.substring(0, cut) : rest;
        rest = URLDecoder.decode(rest, StandardCharsets.UTF_8);
        return rest.isEmpty() || rest.endsWith("/") ? rest + "index.html" : rest;
    }

    private static String fragmentOf(String url) {
        int cut = url.indexOf('#');
        if (cut < 0) {
            return null;
        }
        String raw = url.substring(cut + 1);
        // percent-decoding only (a '+' in an anchor stays a '+')
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Set<String> idsOf(String html) {
        Set<String> out = new HashSet<>();
        Matcher m = ID.matcher(html);
        while (m.find()) {
            out.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        }
        return out;
    }

    private static Path firstExisting(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank() && Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
