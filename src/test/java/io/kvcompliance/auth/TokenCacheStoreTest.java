package io.kvcompliance.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protected token cache file and its key, without msal4j or a network. */
class TokenCacheStoreTest {
    static final Connection ALICE = new Connection("f8680c96-e257-4c51-ba15-649a0f42ea5d", "alice@contoso.sandbox.test",
            "64f36d9b-1761-4637-b40b-3ecd3bb84e3f.f8680c96-e257-4c51-ba15-649a0f42ea5d",
            Instant.parse("2026-12-04T10:00:00Z"));
    @TempDir
    Path dir;

    SecretKey key(String base64) {
        return TokenCacheKey.resolve(base64, dir.resolve("unused.key"));
    }

    @Test
    void connectionRoundTripsThroughTheSealedFile() {
        String k = TokenCacheKey.generate();
        new TokenCacheStore(dir.resolve("cache.bin"), () -> key(k)).connected(ALICE);

        assertThat(new TokenCacheStore(dir.resolve("cache.bin"), () -> key(k)).connection()).contains(ALICE);
    }

    @Test
    void anotherKeyCannotOpenTheCacheAndTheMessageNamesTheFix() {
        new TokenCacheStore(dir.resolve("cache.bin"), () -> key(TokenCacheKey.generate())).connected(ALICE);
        TokenCacheStore wrong = new TokenCacheStore(dir.resolve("cache.bin"), () -> key(TokenCacheKey.generate()));

        assertThatThrownBy(wrong::connection).isInstanceOf(SignInException.class)
                .hasMessageContaining("KV_TOKEN_CACHE_KEY").hasMessageContaining("connect")
                .satisfies(e -> assertThat(((SignInException) e).reconnectRequired()).isTrue());
    }

    @Test
    void tamperedFileIsRejected() throws Exception {
        String k = TokenCacheKey.generate();
        Path file = dir.resolve("cache.bin");
        new TokenCacheStore(file, () -> key(k)).connected(ALICE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);

        assertThatThrownBy(() -> new TokenCacheStore(file, () -> key(k)).connection())
                .isInstanceOf(SignInException.class).hasMessageContaining("cannot be decrypted");
    }

    @Test
    void everyWriteUsesAFreshNonceAndHidesThePlaintext() throws Exception {
        String k = TokenCacheKey.generate();
        Path file = dir.resolve("cache.bin");
        TokenCacheStore store = new TokenCacheStore(file, () -> key(k));
        store.connected(ALICE);
        byte[] first = Files.readAllBytes(file);
        store.connected(ALICE);
        byte[] second = Files.readAllBytes(file);

        assertThat(Arrays.copyOfRange(first, 5, 17)).isNotEqualTo(Arrays.copyOfRange(second, 5, 17));
        assertThat(new String(first, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("alice")
                .startsWith("KVTC1");
    }

    @Test
    void cacheFileIsOwnerOnlyAndNoTemporaryFileIsLeft() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path file = dir.resolve("sub").resolve("cache.bin");
        new TokenCacheStore(file, () -> key(TokenCacheKey.generate())).connected(ALICE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void keyFileIsCreatedOnceOwnerOnlyAndReused() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path keyFile = dir.resolve("data").resolve("token-cache.key");

        SecretKey first = TokenCacheKey.resolve(null, keyFile);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(TokenCacheKey.resolve("", keyFile).getEncoded()).isEqualTo(first.getEncoded()).hasSize(32);
    }

    @Test
    void keyFromTheEnvironmentWinsOverTheKeyFile() {
        Path keyFile = dir.resolve("token-cache.key");
        String env = TokenCacheKey.generate();

        SecretKey key = TokenCacheKey.resolve(env, keyFile);

        assertThat(key.getEncoded()).isEqualTo(java.util.Base64.getDecoder().decode(env));
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void keyThatIsNot32BytesOfBase64IsAConfigurationError() {
        assertThatThrownBy(() -> TokenCacheKey.resolve("c2hvcnQ=", dir.resolve("k"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KV_TOKEN_CACHE_KEY").hasMessageContaining("32").hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> TokenCacheKey.resolve("not base64!", dir.resolve("k")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void statusAndDisconnectNeedNoKey() throws Exception {
        TokenCacheStore store = new TokenCacheStore(dir.resolve("cache.bin"), () -> {
            throw new AssertionError("the key was asked for");
        });

        assertThat(store.connection()).isEmpty();
        assertThat(store.delete()).isFalse();
    }

    @Test
    void deleteRemovesTheCacheAndLeavesTheKeyFile() throws Exception {
        Path keyFile = dir.resolve("token-cache.key");
        TokenCacheStore store = new TokenCacheStore(dir.resolve("cache.bin"), () -> TokenCacheKey.resolve(null, keyFile));
        store.connected(ALICE);

        assertThat(store.delete()).isTrue();

        assertThat(dir.resolve("cache.bin")).doesNotExist();
        assertThat(keyFile).exists();
        assertThat(store.connection()).isEmpty();
    }
}
