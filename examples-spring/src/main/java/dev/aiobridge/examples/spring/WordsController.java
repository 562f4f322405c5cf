package dev.aiobridge.examples.spring;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A request body consumed as an async iteration: each line (NDJSON of strings: one text line each) is
 * awaited as it arrives (at most a
 * few lines are requested ahead, so a large upload is read as fast as it is handled).
 */
@RestController
public class WordsController {
    private static final Logger LOG = LoggerFactory.getLogger(WordsController.class);

    /** What the body held. */
    public record Count(int lines, int words, String traceId) {
    }

    /** Counts the lines and words of the body, one line at a time. */
    @PostMapping(path = "/words", consumes = MediaType.APPLICATION_NDJSON_VALUE)
    public Coroutine<Count> words(@RequestBody AsyncGenerator<String> lines) {
        return Coroutine.of(a -> {
            int lineCount = 0;
            int words = 0;
            for (String line : a.iterate(lines)) {
                lineCount++;
                words += line.isBlank() ? 0 : line.trim().split("\\s+").length;
                a.await(AsyncIO.sleep(0)); // handling a line takes a turn of the loop
            }
            LOG.info("words: {} lines, {} words", lineCount, words);
            return new Count(lineCount, words, MDC.get(ExampleApplication.TRACE_ID));
        });
    }

    /** The continuation engine this JVM got ({@code jdk} from the jar, which exports it in its manifest). */
    @GetMapping("/engine")
    public String engine() {
        return Generator.engine();
    }
}
