package dev.aiobridge.benchmarks

import kotlinx.coroutines.reactor.flux
import reactor.core.publisher.Flux

/** The P3 anchor: Kotlin's `flux {}` builder producing 0 until n. */
object KotlinFlux {
    @JvmStatic
    fun counter(n: Int): Flux<Int> = flux {
        for (i in 0 until n) {
            send(i)
        }
    }
}
