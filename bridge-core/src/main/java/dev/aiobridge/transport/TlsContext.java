package dev.aiobridge.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Python's {@code ssl.SSLContext} for the loop's TLS transports: a {@link SSLContext} plus the side it
 * serves and whether a client checks the server's host name ({@code check_hostname}, on by default as
 * in {@code ssl.create_default_context()}). A certificate the client rejects fails the handshake with a
 * {@link SslCertVerificationException} that says why, with OpenSSL's verify code and message.
 *
 * <pre>{@code
 * TlsContext server = TlsContext.server(Path.of("cert.pem"), Path.of("key.pem"));
 * TlsContext client = TlsContext.client(Path.of("cert.pem"));   // trust this CA (cafile=)
 * }</pre>
 */
public final class TlsContext {
    private final SSLContext context;
    private final boolean serverSide;
    private final boolean checkHostname;
    private final List<String> alpnProtocols;

    private TlsContext(SSLContext context, boolean serverSide, boolean checkHostname, List<String> alpnProtocols) {
        this.context = context;
        this.serverSide = serverSide;
        this.checkHostname = checkHostname;
        this.alpnProtocols = List.copyOf(alpnProtocols);
    }

    /** {@code ssl.create_default_context()}: a client trusting the JDK's default certificate authorities. */
    public static TlsContext client() {
        return client((KeyStore) null);
    }

    /** {@code ssl.create_default_context(cafile=...)}: a client trusting the certificates of a PEM file. */
    public static TlsContext client(Path caPemFile) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : readCertificates(caPemFile)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            return client(trust);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load certificates from " + caPemFile + ": " + e.getMessage(), e);
        }
    }

    /** A client trusting the certificates of {@code trustStore} (null: the JDK's defaults). */
    public static TlsContext client(KeyStore trustStore) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            X509TrustManager delegate = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    delegate = x;
                }
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new VerifyingTrustManager(Objects.requireNonNull(delegate))}, null);
            return new TlsContext(ctx, false, true, List.of());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS: " + e.getMessage(), e);
        }
    }

    /** {@code SSLContext(PROTOCOL_TLS_SERVER).load_cert_chain(certfile, keyfile)}: PEM certificate and PKCS#8 key. */
    public static TlsContext server(Path certPemFile, Path keyPemFile) throws IOException {
        try {
            List<Certificate> chain = readCertificates(certPemFile);
            String pem = Files.readString(keyPemFile);
            String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            PrivateKey key = null;
            for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
                try {
                    key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                    break;
                } catch (GeneralSecurityException notThisOne) {
                    // try the next algorithm
                }
            }
            if (key == null) {
                throw new IOException("no PKCS#8 private key (RSA, EC or Ed25519) in " + keyPemFile);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] inMemory = "in-memory".toCharArray(); // never stored: protects the entry in this key store only
            ks.setKeyEntry("key", key, inMemory, chain.toArray(new Certificate[0]));
            return server(ks, inMemory);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the certificate chain: " + e.getMessage(), e);
        }
    }

    /** A server presenting the key and certificate chain of {@code keyStore} (e.g. a PKCS#12 file). */
    public static TlsContext server(KeyStore keyStore, char[] password) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return new TlsContext(ctx, true, false, List.of());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable key store: " + e.getMessage(), e);
        }
    }

    /**
     * An existing JDK context. Verification failures of a client are reported from the JDK's message
     * (the verify code is then 1, OpenSSL's "unspecified").
     */
    public static TlsContext of(SSLContext context, boolean serverSide, boolean checkHostname) {
        return new TlsContext(context, serverSide, checkHostname, List.of());
    }

    /** This context with host name checking on or off ({@code check_hostname}). */
    public TlsContext withCheckHostname(boolean on) {
        return new TlsContext(context, serverSide, on, alpnProtocols);
    }

    /** This context offering (client) or accepting (server) these ALPN protocols, in preference order. */
    public TlsContext withAlpnProtocols(List<String> protocols) {
        return new TlsContext(context, serverSide, checkHostname, protocols);
    }

    /** True for a server context. */
    public boolean serverSide() {
        return serverSide;
    }

    /** True if a client checks that the certificate matches the server host name. */
    public boolean checkHostname() {
        return checkHostname;
    }

    /** The JDK context. */
    public SSLContext sslContext() {
        return context;
    }

    /** An engine for one connection ({@code wrap_bio}). */
    SSLEngine newEngine(boolean server, String serverHostname, int port) {
        SSLEngine engine = server || serverHostname == null ? context.createSSLEngine()
                : context.createSSLEngine(serverHostname, port);
        engine.setUseClientMode(!server);
        SSLParameters params = engine.getSSLParameters();
        if (!server && checkHostname) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!alpnProtocols.isEmpty()) {
            params.setApplicationProtocols(alpnProtocols.toArray(new String[0]));
        }
        engine.setSSLParameters(params);
        return engine;
    }

    private static List<Certificate> readCertificates(Path pem) throws IOException, CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = cf.generateCertificates(in);
            if (certs.isEmpty()) {
                throw new CertificateException("no certificate in " + pem);
            }
            return new ArrayList<>(certs);
        }
    }

    /**
     * The JDK's checks (chain, validity, host name), with their failures named as OpenSSL names them:
     * the chain the server sent is at hand here, which the failed handshake no longer has.
     */
    private static final class VerifyingTrustManager extends X509ExtendedTrustManager {
        private final X509TrustManager delegate;

        VerifyingTrustManager(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            try {
                if (delegate instanceof X509ExtendedTrustManager x) {
                    x.checkServerTrusted(chain, authType, engine);
                } else {
                    delegate.checkServerTrusted(chain, authType);
                }
            } catch (CertificateException e) {
                throw SslCertVerificationException.Failure.classify(chain, e,
                        engine == null ? null : engine.getPeerHost());
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType, (SSLEngine) null);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checkServerTrusted(chain, authType, (SSLEngine) null);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            if (delegate instanceof X509ExtendedTrustManager x) {
                x.checkClientTrusted(chain, authType, engine);
            } else {
                delegate.checkClientTrusted(chain, authType);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    @Override
    public String toString() {
        return "<TlsContext " + (serverSide ? "server" : "client") + (checkHostname ? " check_hostname" : "") + ">";
    }
}
