package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.coroutine.Coroutine;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Python's {@code str()} and {@code repr()} for the values the conformance scenarios print, and the
 * Python exception classes they raise themselves. Library exceptions are Java's own (see the table on
 * {@code Generator}); only user code in a scenario raises these.
 */
public final class Py {
    private Py() {
    }

    /**
     * {@code asyncio.run(main)} on a virtual clock: the scenarios' sleeps and timeouts keep CPython's order
     * whatever the machine's load (real 5 ms and 40 ms sleeps raced on a loaded machine).
     */
    public static <T> T run(Coroutine<T> main) {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {
            return runner.run(main);
        }
    }

    /** {@code str(value)}. */
    public static String str(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Throwable t) {
            return t.getMessage() == null ? "" : t.getMessage();
        }
        return repr(value);
    }

    /** A bytes literal {@code b'...'} (ASCII/Latin-1 text). */
    public static byte[] b(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** {@code bytes.decode()} for ASCII text. */
    public static String decode(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** {@code a + b} for bytes. */
    public static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** {@code repr(value)}. */
    public static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof Double || value instanceof Float) {
            return floatRepr(((Number) value).doubleValue());
        }
        if (value instanceof byte[] bytes) {
            return bytesRepr(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            map.forEach((k, v) -> j.add(repr(k) + ": " + repr(v)));
            return j.toString();
        }
        if (value instanceof Collection<?> c) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            for (Object o : c) {
                j.add(repr(o));
            }
            return j.toString();
        }
        if (value instanceof Iterator<?> it) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            it.forEachRemaining(o -> j.add(repr(o)));
            return j.toString();
        }
        return String.valueOf(value);
    }

    /** Python's shortest float repr for the usual magnitudes ({@code 10.0}, {@code 0.1}, {@code 1e+16}). */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        double abs = Math.abs(d);
        if (abs != 0 && (abs >= 1e16 || abs < 1e-4)) {
            String s = Double.toString(d); // 1.0E16
            int e = s.indexOf('E');
            String mantissa = s.substring(0, e);
            if (mantissa.endsWith(".0")) {
                mantissa = mantissa.substring(0, mantissa.length() - 2);
            }
            int exp = Integer.parseInt(s.substring(e + 1));
            return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        return Double.toString(d);
    }

    /** {@code repr(b'...')}. */
    public static String bytesRepr(byte[] bytes) {
        StringBuilder sb = new StringBuilder("b'");
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }

    /** Python's {@code ValueError}, raised by scenario code. */
    public static class ValueError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ValueError(String message) {
            super(message);
        }
    }

    /** Python's {@code KeyError}, raised by scenario code ({@code str()} is the key's repr). */
    public static class KeyError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public KeyError(String key) {
            super(key == null ? null : "'" + key + "'");
        }

        public KeyError() {
            super((String) null);
        }
    }

    /** Python's {@code RuntimeError}, raised by scenario code. */
    public static class RuntimeError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RuntimeError(String message) {
            super(message);
        }

        public RuntimeError(String message, Throwable context) {
            super(message, context);
        }
    }
}
