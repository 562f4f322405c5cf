package dev.aiobridge.examples;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import java.io.PrintStream;
import java.util.List;

/**
 * The essay's second program, {@code delegation.py}: a caller drives a middle generator that delegates
 * with {@code yieldFrom} to a sub-generator. Values, sends and a thrown-in exception pass straight
 * through the middle; the sub's return value becomes the value of {@code yieldFrom}, then the middle's
 * return value, delivered to the caller as {@code StopIteration.value()}.
 */
public final class SeedDelegation implements Example {

    /** The essay's ValueError. */
    static final class ValueError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ValueError(String message) {
            super(message);
        }
    }

    // tag::subgenerator[]
    /** 3. The innermost sub-generator, which does the real work. */
    static Generator<Integer, Integer, String> subgenerator(PrintStream out) {
        return Generator.of(g -> {
            out.println("      [하위] 시작");
            int total = 0;
            try {
                while (true) {
                    // 1-2. the caller's send() value arrives here
                    Integer received = g.yield(total);
                    out.println("      [하위] '" + (received == null ? "None" : received) + "' 받음");
                    if (received == null) {
                        break;
                    }
                    total += received;
                }
            } catch (ValueError e) {
                // 2-2. the caller's throw() is handled here
                out.println("      [하위] 예외 처리: " + e.getMessage());
            } finally {
                out.println("      [하위] 종료");
            }
            // 3-2. the final result
            return "최종 합계: " + total;
        });
    }
    // end::subgenerator[]

    // tag::middle[]
    /** 2. The middle generator: delegates to the sub-generator with yieldFrom. */
    static Generator<Integer, Integer, String> middleGenerator(PrintStream out) {
        return Generator.of(g -> {
            out.println("   [중간] 시작");
            // a two-way channel to the sub-generator; its return value lands in result
            String result = g.yieldFrom(subgenerator(out));
            out.println("   [중간] 하위 제너레이터 결과: '" + result + "'");
            out.println("   [중간] 종료");
            return result; // handed on to the caller
        });
    }
    // end::middle[]

    @Override
    public String name() {
        return "seed-delegation";
    }

    @Override
    public String summary() {
        return "the essay's delegation.py: yieldFrom passes values, sends and throws through a middle generator";
    }

    @Override
    public String input() {
        return "next(), send(10), send(20), then throwIn(ValueError) into the middle generator; the demo's own"
                + " output is Korean, byte for byte CPython's (an English gloss follows it)";
    }

    @Override
    public List<String> gloss() {
        return List.of(
                "English gloss: [호출자] the caller, [중간] the middle generator, [하위] the sub-generator;",
                "시작 started, 종료 finished, 'x' 받음 received 'x', 초기 값 the initial value, 10 보낸 후 after sending 10,",
                "ValueError 예외 주입 시도 throwing a ValueError in, 예외 처리: 테스트 예외 handled the exception: test exception,",
                "하위 제너레이터 결과 the sub-generator's result, 최종 합계 final total, StopIteration 잡음 caught StopIteration,",
                "최종 결과 the final result. The sends reach the sub-generator through the middle one; its return value",
                "becomes the value of yieldFrom, then the middle's return value, delivered as StopIteration.value().");
    }

    /** 1. The caller: drives the generators and talks to them. */
    @Override
    public void run(PrintStream out) {
        // tag::caller[]
        out.println("[호출자] 시작");
        Generator<Integer, Integer, String> gen = middleGenerator(out);

        // 1-1. first run: next() is send(null); runs up to the sub-generator's yield total
        Integer initialValue = gen.next();
        out.println("[호출자] 초기 값 '" + initialValue + "' 받음\n");

        // 1-2. send() goes straight to the sub-generator's `received = yield total`
        Integer valueAfterSend10 = gen.send(10);
        out.println("[호출자] 10 보낸 후 '" + valueAfterSend10 + "' 받음\n");

        Integer valueAfterSend20 = gen.send(20);
        out.println("[호출자] 20 보낸 후 '" + valueAfterSend20 + "' 받음\n");

        // 2-1. throwIn(): caught by the sub-generator's catch block
        try {
            out.println("[호출자] ValueError 예외 주입 시도");
            gen.throwIn(new ValueError("테스트 예외"));
        } catch (StopIteration e) {
            // the sub-generator returned after its finally block: the caller sees StopIteration
            out.println("[호출자] StopIteration 잡음. 최종 결과: '" + e.value() + "'");
        }

        out.println("[호출자] 종료");
        // end::caller[]
    }
}
