package io.kvcompliance.azure;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context of the Azure calls from kv.cloud.trust-store, or takes the JVM's default. */
final class TrustStores {
    private TrustStores() {
    }

    static SSLContext sslContext(Path trustStore, String password) {
        try {
            if (trustStore == null) {
                return SSLContext.getDefault();
            }
            char[] secret = password == null ? null : password.toCharArray();
            KeyStore store = KeyStore.getInstance(trustStore.toFile(), secret); // detects PKCS12 or JKS
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no default TLS context", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(CloudProperties.TRUST_STORE + "=" + trustStore + " cannot be loaded ("
                    + e.getMessage() + "): point it at a PKCS12 or JKS trust store and check "
                    + CloudProperties.TRUST_STORE_PASSWORD, e);
        }
    }
}
