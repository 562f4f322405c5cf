#!/usr/bin/env bash
# Checks the README's "Use it in your project" section from a clean clone, end to end:
#   1. clones this repository (its committed HEAD, or the ref given) into a temporary directory;
#   2. runs the README's install command there, `mvn -B -DskipTests install`, into a PRIVATE local
#      repository under that directory (seeded with a copy of ~/.m2/repository so nothing is
#      downloaded that the build already had; the shared ~/.m2 is never written);
#   3. checks what got installed: bridge-bom, bridge-core, bridge-reactor, bridge-spring with their
#      sources and javadoc jars, and none of examples, examples-spring, benchmarks, site;
#   4. writes a consumer project from the README's own text: the Maven block (the BOM import and the
#      bridge-spring dependency) taken verbatim from README.md, Spring Boot's BOM and WebFlux starter and
#      io.micrometer:context-propagation beside it (as the "minimal Spring setup" says), the engine
#      recipe for `java -jar` (the maven-jar-plugin manifest entry taken verbatim from docs/spring.md),
#      and the README's `Hello` controller verbatim in a @SpringBootApplication;
#   5. builds it against the private repository, starts it with plain `java -jar` on a free loopback
#      port, curls /hello and /count, and checks the answers and the engine line (jdk, no WARNING).
# Not run by CI (`.ci/run`): it copies the local repository (hundreds of MB) and builds everything
# twice, several minutes. Run it by hand: `bash .ci/consumer-check.sh [ref] [--keep]`
# (`--reuse=DIR`: the clone and private repository an earlier `--keep` run left in DIR, from step 3 on).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ref=HEAD
keep=false
reuse=""
for arg in "$@"; do
  case "$arg" in
    --keep) keep=true ;;
    --reuse=*) reuse=${arg#--reuse=}; keep=true ;;   # a directory kept by an earlier run: steps 4-5 only
    *) ref=$arg ;;
  esac
done

if [ -n "$reuse" ]; then work=$reuse; else work=$(mktemp -d "${TMPDIR:-/tmp}/aiobridge-consumer.XXXXXX"); fi
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  if $keep; then echo "== kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

# A JDK >= 21 for the consumer's build and run (the bridge's jars are Java 21 bytecode); aiobridge's own
# build finds one by itself through Maven toolchains.
jdk=""
for home in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
  [ -n "$home" ] && [ -x "$home/bin/javac" ] || continue
  v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java\.specification\.version = ([0-9]+).*/\1/p')
  if [ "${v:-0}" -ge 21 ]; then jdk=$home; break; fi
done
[ -n "$jdk" ] || fail "no JDK >= 21 found (JAVA_HOME, /usr/lib/jvm, /opt/java, SDKMAN, ~/.jdks)"

m2="$work/m2"
echo "== work dir $work; JDK for the consumer: $jdk"
if [ -z "$reuse" ]; then
echo "== seeding the private local repository $m2 from ~/.m2/repository"
mkdir -p "$m2"
if [ -d "$HOME/.m2/repository" ]; then cp -a "$HOME/.m2/repository/." "$m2/"; fi
# Whatever aiobridge snapshot the seed holds must not stand in for the one built from the clone.
rm -rf "$m2/dev/aiobridge"

echo "== git clone $root ($ref) aiobridge"
git clone -q "$root" "$work/aiobridge"
git -C "$work/aiobridge" checkout -q "$ref"
echo "   at $(git -C "$work/aiobridge" log --oneline -1)"

echo "== (README) mvn -B -DskipTests install   [with -Dmaven.repo.local=$m2]"
(cd "$work/aiobridge" && mvn -B -q -DskipTests install -Dmaven.repo.local="$m2") > "$work/install.log" 2>&1 \
  || { tail -40 "$work/install.log"; fail "the README's install command failed (log: $work/install.log)"; }

fi
# The README and docs/spring.md read are the clone's; with --reuse, this working tree's (to try an edit).
docs=$work/aiobridge
[ -z "$reuse" ] || docs=$root

version=$(sed -nE 's/^Group `dev\.aiobridge`, version `([^`]+)`.*/\1/p' "$docs/README.md" | head -1)
[ -n "$version" ] || fail "README: no 'Group \`dev.aiobridge\`, version \`...\`' line"
echo "== installed artifacts of version $version"
for a in bridge-core bridge-reactor bridge-spring; do
  for suffix in "" -sources -javadoc; do
    f="$m2/dev/aiobridge/$a/$version/$a-$version$suffix.jar"
    [ -s "$f" ] || fail "missing $f"
  done
  echo "   $a: jar, sources, javadoc"
done
[ -s "$m2/dev/aiobridge/bridge-bom/$version/bridge-bom-$version.pom" ] || fail "bridge-bom not installed"
echo "   bridge-bom: pom"
for a in examples examples-spring benchmarks site; do
  [ ! -e "$m2/dev/aiobridge/$a" ] || fail "$a was installed; the README says it never is"
done
echo "   not installed: examples, examples-spring, benchmarks, site"

echo "== the consumer project, from README.md and docs/spring.md"
consumer="$work/consumer"
rm -rf "$consumer"
mkdir -p "$consumer/src/main/java/demo"
python3 - "$docs/README.md" "$docs/docs/spring.md" "$consumer" <<'EOF'
import re, sys, pathlib
readme, spring, out = (pathlib.Path(p) for p in sys.argv[1:])
text = readme.read_text()
section = text[text.index("## Use it in your project"):text.index("## Modules")]
blocks = re.findall(r"```(\w*)\n(.*?)```", section, re.S)
maven = next(b for lang, b in blocks if lang == "xml" and "bridge-bom" in b)
hello = next(b for lang, b in blocks if lang == "java" and "class Hello" in b)
jar_plugin = next(b for lang, b in re.findall(r"```(\w*)\n(.*?)```", spring.read_text(), re.S)
                  if lang == "xml" and "maven-jar-plugin" in b)
jar_plugin = "\n".join(line[2:] if line.startswith("  ") else line for line in jar_plugin.splitlines())
# Beside the README's Maven block: Spring Boot's BOM (its versions) and what the application brings itself.
boot_bom = """    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-dependencies</artifactId>
      <version>4.0.7</version>
      <type>pom</type>
      <scope>import</scope>
    </dependency>
  </dependencies>
</dependencyManagement>"""
maven = maven.replace("  </dependencies>\n</dependencyManagement>", boot_bom, 1)
app_deps = """  <dependency>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-webflux</artifactId>
  </dependency>
  <dependency>
    <groupId>io.micrometer</groupId>
    <artifactId>context-propagation</artifactId>
  </dependency>
</dependencies>"""
assert maven.rstrip().endswith("</dependencies>"), maven
maven = maven.rstrip()[:-len("</dependencies>")] + app_deps
indent = lambda s, n: "\n".join((" " * n + l) if l else l for l in s.splitlines())
jar_plugin = indent(jar_plugin.strip().replace("<artifactId>maven-jar-plugin</artifactId>",
                                              "<artifactId>maven-jar-plugin</artifactId>\n  <version>3.4.2</version>", 1), 6)
pom = f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>demo</groupId>
  <artifactId>consumer</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>21</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>

  <!-- from README.md, "Use it in your project" (Spring Boot's BOM and the application's own dependencies added) -->
{indent(maven, 2)}

  <build>
    <finalName>consumer</finalName>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.0</version>
        <configuration>
          <parameters>true</parameters>
        </configuration>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.5.6</version>
      </plugin>
      <!-- from docs/spring.md, the executable jar recipe -->
{jar_plugin}
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
        <version>4.0.7</version>
        <executions>
          <execution>
            <goals>
              <goal>repackage</goal>
            </goals>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
"""
(out / "pom.xml").write_text(pom)
app = """package demo;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
public class App {
    public static void main(String[] args) {
        SpringApplication.run(App.class, args);
    }
}

// from README.md, "The minimal Spring setup"
""" + hello
(out / "src/main/java/demo/App.java").write_text(app)
EOF
echo "   $consumer/pom.xml, $consumer/src/main/java/demo/App.java"

echo "== mvn -B package (the consumer, JDK $jdk)"
(cd "$consumer" && JAVA_HOME="$jdk" mvn -B -q package -Dmaven.repo.local="$m2") > "$work/consumer-build.log" 2>&1 \
  || { tail -40 "$work/consumer-build.log"; fail "the consumer did not build (log: $work/consumer-build.log)"; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
echo "== java -jar target/consumer.jar on 127.0.0.1:$port (no flags: the manifest carries the export)"
"$jdk/bin/java" -jar "$consumer/target/consumer.jar" --server.address=127.0.0.1 --server.port="$port" \
  > "$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  grep -q "Started App" "$work/app.log" && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; fail "the application exited"; }
  sleep 0.5
done
grep -q "Started App" "$work/app.log" || { cat "$work/app.log"; fail "the application did not start within 60 s"; }

hello=$(curl -sS --max-time 10 "http://127.0.0.1:$port/hello?name=readme")
echo "   curl /hello?name=readme -> $hello"
[ "$hello" = "hello readme" ] || fail "/hello answered '$hello'"
count=$(curl -sS --max-time 10 -H 'Accept: application/x-ndjson' "http://127.0.0.1:$port/count?to=3" | tr '\n' ' ')
echo "   curl /count?to=3 -> $count"
[ "$count" = "1 2 3 " ] || fail "/count answered '$count'"
engine=$(grep -o "continuation engine [a-z]*" "$work/app.log" | head -1)
echo "   log: ${engine:-no engine line}"
[ "$engine" = "continuation engine jdk" ] || { cat "$work/app.log"; fail "not the jdk engine"; }
# Spring Boot's log lines: "<time>  WARN <pid> --- [thread] <logger> : ..."; aiobridge's loggers are dev.aiobridge.*
! grep -Eq '^[^ ]+ +WARN .* (dev\.aiobridge|d\.a\.)' "$work/app.log" || { cat "$work/app.log"; fail "aiobridge logged a warning"; }
echo "== OK: the README's 'Use it in your project' holds from a clean clone of $(git -C "$work/aiobridge" rev-parse --short HEAD)"
