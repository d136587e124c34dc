package io.kvcompliance.sandbox.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTlsTest {
    private static final List<String> NAMES = List.of("*.vault.sandbox.test", "*.sandbox.test", "localhost");
    private static SandboxTls tls;
    private static SSLServerSocket server;
    private static ExecutorService acceptor;

    @BeforeAll
    static void startServer() throws Exception {
        tls = SandboxTls.generate(NAMES);
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("server", privateKey(tls.privateKeyPem()), new char[0], new Certificate[] {tls.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, new char[0]);
        SSLContext serverContext = SSLContext.getInstance("TLSv1.3");
        serverContext.init(keys.getKeyManagers(), null, null);
        server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = Executors.newSingleThreadExecutor();
        acceptor.submit(SandboxTlsTest::serve);
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
        acceptor.shutdownNow();
    }

    @Test
    void generatedCertificateNamesWildcardsLocalhostAndLoopbackAddresses() throws Exception {
        assertThat(tls.certificate().getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "*.vault.sandbox.test"), List.of(2, "*.sandbox.test"), List.of(2, "localhost"),
                List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(tls.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=keyvault-compliance sandbox");
        assertThat(tls.certificate().getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void clientContextAcceptsVaultHostThroughWildcardSan() throws Exception {
        try (SSLSocket socket = connect("kv1.vault.sandbox.test")) {
            socket.startHandshake();
            assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(tls.certificate());
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(socket.getInputStream().read()).isEqualTo('k');
        }
    }

    @Test
    void clientContextRejectsHostOutsideTheSans() throws Exception {
        try (SSLSocket socket = connect("kv1.vault.example.test")) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("kv1.vault.example.test");
        }
    }

    @Test
    void writeTrustMaterialWritesCertificateAndTrustStoreButNoPrivateKey(@TempDir Path temp) throws Exception {
        Path dir = temp.resolve("trust");
        tls.writeTrustMaterial(dir);

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(SandboxTls.CA_PEM_FILE, SandboxTls.TRUSTSTORE_FILE);
        }
        assertThat(Files.readString(dir.resolve(SandboxTls.CA_PEM_FILE)))
                .isEqualTo(tls.certificatePem()).doesNotContain("PRIVATE KEY");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(SandboxTls.TRUSTSTORE_FILE))) {
            store.load(in, SandboxTls.TRUSTSTORE_PASSWORD.toCharArray());
        }
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.isCertificateEntry(SandboxTls.TRUSTSTORE_ALIAS)).isTrue();
        assertThat(store.getCertificate(SandboxTls.TRUSTSTORE_ALIAS)).isEqualTo(tls.certificate());
    }

    @Test
    void loadAcceptsPkcs8AndPkcs1Keys(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("server.crt"), tls.certificatePem());
        Path pkcs8 = Files.writeString(dir.resolve("pkcs8.key"), tls.privateKeyPem());
        byte[] rsaKey = PrivateKeyInfo.getInstance(privateKey(tls.privateKeyPem()).getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        Path pkcs1 = Files.writeString(dir.resolve("pkcs1.key"), PemCodec.encode("RSA PRIVATE KEY", rsaKey));

        for (Path key : List.of(pkcs8, pkcs1)) {
            SandboxTls loaded = SandboxTls.load(cert, key);
            assertThat(loaded.sha256Fingerprint()).isEqualTo(tls.sha256Fingerprint());
            assertThat(loaded.privateKeyPem()).isEqualTo(tls.privateKeyPem());
        }
    }

    @Test
    void loadNamesTheFileWhenMissingOrMismatched(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("server.crt"), tls.certificatePem());
        Path otherKey = Files.writeString(dir.resolve("other.key"), SandboxTls.generate(NAMES).privateKeyPem());

        assertThatThrownBy(() -> SandboxTls.load(cert, dir.resolve("absent.key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absent.key");
        assertThatThrownBy(() -> SandboxTls.load(otherKey, otherKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other.key", "CERTIFICATE");
        assertThatThrownBy(() -> SandboxTls.load(cert, otherKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other.key", "not the private key");
    }

    @Test
    void fingerprintIsColonSeparatedSha256Hex() {
        assertThat(tls.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    /** A socket to the local server that presents the given host name (SNI and hostname verification). */
    private static SSLSocket connect(String host) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
        plain.setSoTimeout(10_000);
        SSLSocket socket = (SSLSocket) tls.clientContext().getSocketFactory().createSocket(plain, host, server.getLocalPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new SNIHostName(host)));
        socket.setSSLParameters(parameters);
        return socket;
    }

    private static void serve() {
        while (!server.isClosed()) {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                socket.getOutputStream().write('k');
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // a rejected handshake or the closing server socket: either way, take the next connection or stop
            }
        }
    }

    private static PrivateKey privateKey(String pem) throws Exception {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
