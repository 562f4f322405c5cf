package dev.aiobridge.transport;

import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLHandshakeException;

/**
 * Python's {@code ssl.SSLCertVerificationError}: the client rejected the server's certificate. The
 * reason is {@code CERTIFICATE_VERIFY_FAILED}; {@link #verifyCode()} and {@link #verifyMessage()} are
 * OpenSSL's (62 host name mismatch, 64 IP address mismatch, 18 self-signed certificate, 20 unknown
 * issuer, 10 expired, 9 not yet valid). The JDK's own exception is the cause.
 */
public final class SslCertVerificationException extends SSLHandshakeException {
    private static final long serialVersionUID = 1L;

    private final int verifyCode;
    private final String verifyMessage;

    SslCertVerificationException(int verifyCode, String verifyMessage, Throwable cause) {
        super("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: " + verifyMessage);
        this.verifyCode = verifyCode;
        this.verifyMessage = verifyMessage;
        initCause(cause);
    }

    /** Always {@code CERTIFICATE_VERIFY_FAILED}. */
    public String reason() {
        return "CERTIFICATE_VERIFY_FAILED";
    }

    /** OpenSSL's verify code. */
    public int verifyCode() {
        return verifyCode;
    }

    /** OpenSSL's verify message. */
    public String verifyMessage() {
        return verifyMessage;
    }

    /** What the trust manager throws inside the handshake: the classified failure. */
    static final class Failure extends CertificateException {
        private static final long serialVersionUID = 1L;
        final int code;
        final String text;

        Failure(int code, String text, Throwable cause) {
            super(text, cause);
            this.code = code;
            this.text = text;
        }

        static Failure classify(X509Certificate[] chain, CertificateException e, String host) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof CertificateExpiredException) {
                    return new Failure(10, "certificate has expired", e);
                }
                if (c instanceof CertificateNotYetValidException) {
                    return new Failure(9, "certificate is not yet valid", e);
                }
            }
            String m = String.valueOf(e.getMessage());
            if (m.contains("No subject alternative names matching IP address")) {
                return new Failure(64, "IP address mismatch, certificate is not valid for '" + host + "'.", e);
            }
            if (m.contains("No subject alternative DNS name matching") || m.contains("No name matching")
                    || m.contains("No subject alternative names present")) {
                return new Failure(62, "Hostname mismatch, certificate is not valid for '" + host + "'.", e);
            }
            boolean selfSigned = chain != null && chain.length == 1
                    && chain[0].getSubjectX500Principal().equals(chain[0].getIssuerX500Principal());
            if (selfSigned) {
                return new Failure(18, "self-signed certificate", e);
            }
            return new Failure(20, "unable to get local issuer certificate", e);
        }
    }

    /** The verification failure behind a failed handshake, or null if it failed for another reason. */
    static SslCertVerificationException from(Throwable handshakeError) {
        for (Throwable c = handshakeError; c != null; c = c.getCause()) {
            if (c instanceof Failure f) {
                return new SslCertVerificationException(f.code, f.text, handshakeError);
            }
        }
        return null;
    }
}
