package dev.aiobridge.transport;

/**
 * A TLS transport's {@code "cipher"} extra info: Python's {@code (name, protocol, secret_bits)} tuple.
 *
 * @param name the cipher suite
 * @param protocol the protocol version, e.g. {@code TLSv1.3}
 * @param secretBits the key length in bits
 */
public record TlsCipher(String name, String protocol, int secretBits) {
    static TlsCipher of(String suite, String protocol) {
        int bits = suite.contains("_256") || suite.contains("CHACHA20") ? 256 : suite.contains("_128") ? 128 : 0;
        return new TlsCipher(suite, protocol, bits);
    }
}
