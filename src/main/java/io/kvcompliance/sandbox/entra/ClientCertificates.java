package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.model.ApplicationDef;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The certificates each app registration accepts for private_key_jwt: the public PEMs of the fixture
 * plus those uploaded at run time (a test's freshly generated key pair; private keys never enter here).
 */
final class ClientCertificates {
    private final Map<String, List<X509Certificate>> registered = new ConcurrentHashMap<>();

    void register(String appId, X509Certificate cert) {
        registered.computeIfAbsent(appId.toLowerCase(Locale.ROOT), k -> new CopyOnWriteArrayList<>()).add(cert);
    }

    List<X509Certificate> of(ApplicationDef app) {
        List<X509Certificate> out = new ArrayList<>();
        for (String pem : app.certificates()) {
            out.add(parsePem(app.appId(), pem));
        }
        out.addAll(registered.getOrDefault(app.appId().toLowerCase(Locale.ROOT), List.of()));
        return out;
    }

    private static X509Certificate parsePem(String appId, String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("Fixture certificate of application '" + appId
                    + "' is not a PEM X.509 certificate: " + e.getMessage(), e);
        }
    }
}
