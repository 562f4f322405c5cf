package dev.aiobridge.streams;

import java.util.Arrays;

/**
 * The reader's buffer (CPython's {@code bytearray}): bytes appended at the end and consumed from the
 * front without moving the rest; the live bytes are {@code data[start, end)}.
 */
final class ByteQueue {
    private byte[] data = new byte[0];
    private int start;
    private int end;

    int size() {
        return end - start;
    }

    boolean isEmpty() {
        return end == start;
    }

    void append(byte[] src, int off, int len) {
        if (len == 0) {
            return;
        }
        if (data.length - end < len) {
            int size = size();
            if (start > 0 && data.length - size >= len && size < data.length / 2) {
                System.arraycopy(data, start, data, 0, size); // room enough once compacted
            } else {
                byte[] bigger = new byte[Math.max(size + len, Math.max(256, data.length * 2))];
                System.arraycopy(data, start, bigger, 0, size);
                data = bigger;
            }
            start = 0;
            end = size;
        }
        System.arraycopy(src, off, data, end, len);
        end += len;
    }

    /** Removes and returns the first {@code n} bytes ({@code n <= size()}). */
    byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(data, start, start + n);
        drop(n);
        return out;
    }

    /** Removes the first {@code n} bytes. */
    void drop(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    void clear() {
        start = 0;
        end = 0;
    }

    /** {@code bytearray.find(sep, offset)}: the index of {@code sep} at or after {@code offset}, or -1. */
    int find(byte[] sep, int offset) {
        int n = size();
        int last = n - sep.length;
        byte first = sep[0];
        for (int i = Math.max(0, offset); i <= last; i++) {
            if (data[start + i] != first) {
                continue;
            }
            int k = 1;
            while (k < sep.length && data[start + i + k] == sep[k]) {
                k++;
            }
            if (k == sep.length) {
                return i;
            }
        }
        return -1;
    }

    /** {@code bytearray.startswith(sep, offset)}. */
    boolean startsWith(byte[] sep, int offset) {
        if (offset < 0 || offset + sep.length > size()) {
            return false;
        }
        for (int k = 0; k < sep.length; k++) {
            if (data[start + offset + k] != sep[k]) {
                return false;
            }
        }
        return true;
    }
}
