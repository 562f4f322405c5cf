package dev.aiobridge.conformance;

import dev.aiobridge.transport.TlsContext;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The suite's TLS material (test resources {@code conformance/tls/}) and Python's views of a certificate. */
final class Tls {
    private Tls() {
    }

    static Path file(String name) {
        try {
            return Path.of(Tls.class.getResource("/conformance/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ssl.SSLContext(PROTOCOL_TLS_SERVER).load_cert_chain(cert.pem, key.pem)}. */
    static TlsContext serverContext() {
        try {
            return TlsContext.server(file("cert.pem"), file("key.pem"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ssl.create_default_context(cafile=cert.pem)}. */
    static TlsContext trustingClient() {
        try {
            return TlsContext.client(file("cert.pem"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code dict(rdn[0] for rdn in cert["subject"])["commonName"]}. */
    static String commonName(Object peercert) {
        // The RFC 2253 form, e.g. "CN=localhost,O=aiobridge tests": the test certificate has no escaped commas.
        String name = ((X509Certificate) peercert).getSubjectX500Principal().getName();
        java.util.regex.Matcher cn = java.util.regex.Pattern.compile("(?:^|,)CN=([^,]*)").matcher(name);
        return cn.find() ? cn.group(1) : null;
    }

    /** {@code cert["subjectAltName"]} as Python prints it: {@code (('DNS', 'localhost'),)}. */
    static String subjectAltName(Object peercert) {
        try {
            Collection<List<?>> names = ((X509Certificate) peercert).getSubjectAlternativeNames();
            List<String> items = new ArrayList<>();
            for (List<?> n : names) {
                String type = ((Integer) n.get(0)) == 2 ? "DNS" : ((Integer) n.get(0)) == 7 ? "IP Address" : "other";
                items.add("('" + type + "', '" + n.get(1) + "')");
            }
            return "(" + String.join(", ", items) + (items.size() == 1 ? ",)" : ")");
        } catch (CertificateParsingException e) {
            throw new IllegalStateException(e);
        }
    }
}
