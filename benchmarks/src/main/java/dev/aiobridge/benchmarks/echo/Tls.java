package dev.aiobridge.benchmarks.echo;

import dev.aiobridge.transport.TlsContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS material of P7's TLS servers and client: the test certificate for {@code localhost} and its
 * RSA 2048 key ({@code tls/cert.pem}, {@code tls/key.pem} in this module's resources). Both TLS servers
 * use the same JDK {@link SSLContext}, made by {@link TlsContext#server(Path, Path)}.
 */
final class Tls {
    private Tls() {
    }

    /** Ours: the context as a user would make it, {@code load_cert_chain(cert.pem, key.pem)}. */
    static TlsContext serverContext() throws IOException {
        return TlsContext.server(resource("cert.pem"), resource("key.pem"));
    }

    /** The client's: trusts the test certificate (the client checks no host name). */
    static SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(resource("cert.pem"))) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("cert" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A class-path resource under {@code tls/} copied to a temporary file (the PEM loaders take paths). */
    private static Path resource(String name) throws IOException {
        try (InputStream in = Tls.class.getResourceAsStream("/tls/" + name)) {
            if (in == null) {
                throw new IOException("tls/" + name + " is missing from the class path");
            }
            Path file = Files.createTempFile("p7-", "-" + name);
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
