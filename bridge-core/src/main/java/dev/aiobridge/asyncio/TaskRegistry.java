package dev.aiobridge.asyncio;

import java.util.ArrayList;
import java.util.List;

/**
 * The pending tasks of one loop (asyncio's {@code _scheduled_tasks}): an intrusive doubly linked list
 * through the tasks themselves, so registering costs no allocation. Loop thread only.
 */
final class TaskRegistry {
    private Task<?> head;
    private int size;

    void add(Task<?> t) {
        t.registryNext = head;
        t.registryPrev = null;
        if (head != null) {
            head.registryPrev = t;
        }
        head = t;
        size++;
    }

    void remove(Task<?> t) {
        if (t.registryPrev == null && head != t) {
            return; // not registered (a registered task has a predecessor or is the head): no flag needed
        }
        if (t.registryPrev != null) {
            t.registryPrev.registryNext = t.registryNext;
        } else {
            head = t.registryNext;
        }
        if (t.registryNext != null) {
            t.registryNext.registryPrev = t.registryPrev;
        }
        t.registryNext = null;
        t.registryPrev = null;
        size--;
    }

    int size() {
        return size;
    }

    /** The registered tasks, oldest first. */
    List<Task<?>> snapshot() {
        List<Task<?>> out = new ArrayList<>(size);
        for (Task<?> t = head; t != null; t = t.registryNext) {
            out.add(t);
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
