package dev.aiobridge.asyncio;

import java.util.ArrayList;
import java.util.List;

/** Keeps the frames of a suspended coroutine's stack that belong to user code. */
final class StackFilter {
    private StackFilter() {
    }

    static List<StackTraceElement> userFrames(StackTraceElement[] stack) {
        List<StackTraceElement> out = new ArrayList<>();
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            if (c.startsWith("dev.aiobridge.internal.") || c.startsWith("jdk.internal.")
                    || c.startsWith("java.lang.invoke.") || c.startsWith("java.lang.VirtualThread")
                    || c.startsWith("java.util.concurrent.") || c.startsWith("dev.aiobridge.coroutine.Coroutine$")
                    || c.startsWith("dev.aiobridge.generator.Generator$") || c.equals("java.lang.Thread")) {
                continue;
            }
            out.add(e);
        }
        return out;
    }
}
