package dev.aiobridge.reactor.net;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import reactor.test.StepVerifier;

/** Test support: a fresh {@link Loopback} per test, and every StepVerifier bounded (a broken rule fails, never hangs). */
abstract class LoopbackTestBase {
    Loopback net;

    @BeforeAll
    static void boundEveryVerification() {
        StepVerifier.setDefaultTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void restoreVerificationTimeout() {
        StepVerifier.resetDefaultTimeout();
    }

    @BeforeEach
    void startLoopback() {
        net = new Loopback(getClass().getSimpleName());
    }

    @AfterEach
    void closeLoopback() {
        net.close();
    }
}
