package dev.aiobridge.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Through a real server on a random port: controllers return and take aiobridge's types, and the trace
 * id a WebFilter put in the Reactor Context is in the MDC at every step of a coroutine.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.pattern.console=%level [%X{traceId:-none}] %logger{0} %msg%n")
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class AiobridgeWebFluxTest {

    @Autowired
    WebTestClient client;

    @Autowired
    @Qualifier("webFluxAdapterRegistry")
    ReactiveAdapterRegistry webFluxRegistry;

    @Test
    void aCoroutineReturnedByAControllerRunsOnTheLoop() {
        client.get().uri("/coroutine?name=spring").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("hello spring on the loop");
    }

    @Test
    void aFutureReturnedByAControllerIsItsResult() {
        client.get().uri("/future").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("done on aiobridge-loop");
    }

    @Test
    void aGeneratorIsAnNdjsonStream() {
        List<Integer> numbers = client.get().uri("/numbers?count=5").accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk()
                .returnResult(Integer.class).getResponseBody().collectList().block();
        assertThat(numbers).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void anAsyncGeneratorIsAnEventStream() {
        List<String> ticks = client.get().uri("/ticks?count=3").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseBody().collectList().block();
        assertThat(ticks).containsExactly("tick 0", "tick 1", "tick 2");
    }

    @Test
    void aRequestBodyTakenAsAnAsyncGenerator() {
        client.post().uri("/sum").contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue("1\n2\n3\n4\n").exchange()
                .expectStatus().isOk()
                .expectBody(Integer.class).isEqualTo(10);
    }

    @Test
    void aRequestBodyTakenAsACoroutine() {
        client.post().uri("/shout").contentType(MediaType.TEXT_PLAIN).bodyValue("quiet").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("QUIET");
    }

    @Test
    void theTraceIdSurvivesEveryAwaitInTheLogs(CapturedOutput output) {
        List<String> seen = client.get().uri("/traced").header("X-Trace-Id", "trace-7f3a").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<String>>() { }).returnResult().getResponseBody();
        assertThat(seen).containsExactly("trace-7f3a", "trace-7f3a", "trace-7f3a", "trace-7f3a", "trace-7f3a");
        assertThat(output.getOut()).contains(
                "INFO [trace-7f3a] TestApplication$Endpoints traced step 1", "INFO [trace-7f3a] TestApplication$Endpoints traced step 2",
                "INFO [trace-7f3a] TestApplication$Endpoints traced step 3", "INFO [trace-7f3a] TestApplication$Endpoints traced child",
                "INFO [trace-7f3a] TestApplication$Endpoints traced step 4");
        // Another request without a trace id sees none: nothing leaks on the loop thread.
        List<String> none = client.get().uri("/traced").exchange()
                .expectBody(new ParameterizedTypeReference<List<String>>() { }).returnResult().getResponseBody();
        assertThat(none).hasSize(5).containsOnlyNulls();
    }

    @Test
    void threadLocalsTakenByContextCaptureReachTheContextVarAndTheMdcAfterAwaitsAndSleeps(CapturedOutput output) {
        List<String> seen = client.get().uri("/captured").header("X-Captured", "cap-51").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<String>>() { }).returnResult().getResponseBody();
        assertThat(seen).containsExactly("cap-51/user-cap-51", "cap-51/user-cap-51", "cap-51/user-cap-51",
                "cap-51/user-cap-51", "cap-51/user-cap-51");
        assertThat(output.getOut()).contains(
                "INFO [cap-51] TestApplication$Endpoints captured step 1 user=user-cap-51",
                "INFO [cap-51] TestApplication$Endpoints captured step 3 user=user-cap-51",
                "INFO [cap-51] TestApplication$Endpoints captured child user=user-cap-51",
                "INFO [cap-51] TestApplication$Endpoints captured step 4 user=user-cap-51");
        // The next request, captured with nothing set, sees neither: nothing stayed on the loop thread.
        List<String> none = client.get().uri("/captured").exchange()
                .expectBody(new ParameterizedTypeReference<List<String>>() { }).returnResult().getResponseBody();
        assertThat(none).hasSize(5).containsOnly("null/null");
    }

    @Test
    void aContextVariableTakesItsValueFromTheReactorContext() {
        client.get().uri("/user").header("X-User", "ada").exchange()
                .expectBody(String.class).isEqualTo("ada");
        client.get().uri("/user").exchange()
                .expectBody(String.class).isEqualTo("nobody");
    }

    @Test
    void registeredByTheHotAndColdRule() {
        for (ReactiveAdapterRegistry registry : List.of(webFluxRegistry, ReactiveAdapterRegistry.getSharedInstance())) {
            ReactiveAdapter coroutine = registry.getAdapter(Coroutine.class);
            assertThat(coroutine).isNotNull();
            assertThat(coroutine.getDescriptor().isDeferred()).isTrue();
            assertThat(coroutine.isMultiValue()).isFalse();
            assertThat(coroutine.supportsEmpty()).isTrue();
            ReactiveAdapter task = registry.getAdapter(dev.aiobridge.asyncio.Task.class);
            assertThat(task).isNotNull();
            assertThat(task.getReactiveType()).isEqualTo(Future.class);
            assertThat(task.getDescriptor().isDeferred()).isFalse();
            for (Class<?> multi : List.of(Generator.class, AsyncGenerator.class)) {
                assertThat(registry.getAdapter(multi).isMultiValue()).isTrue();
                assertThat(registry.getAdapter(multi).getDescriptor().isDeferred()).isTrue();
            }
        }
    }
}
