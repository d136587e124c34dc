package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Secrets only from the environment: the shipped configuration holds none, and a file that sets one is refused. */
class SecretKeysTest {

    @Test
    void theShippedConfigurationHoldsNoSecretValue() {
        SecretKeys.refuseSecretsInFiles();
        assertThat(SecretKeys.envName("kv.auth.client-secret")).isEqualTo("KV_AUTH_CLIENT_SECRET");
    }

    @Test
    void aLocalFileThatSetsAClientSecretIsRefusedNamingTheEnvironmentVariable() throws Exception {
        Path local = Path.of("config", "local.properties");
        boolean existed = Files.exists(local);
        String before = existed ? Files.readString(local) : null;
        try {
            Files.writeString(local, "kv.auth.client-secret = oops\n");
            assertThatThrownBy(SecretKeys::refuseSecretsInFiles).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("config/local.properties").hasMessageContaining("KV_AUTH_CLIENT_SECRET")
                    .hasMessageNotContaining("oops");
        } finally {
            if (existed) {
                Files.writeString(local, before);
            } else {
                Files.deleteIfExists(local);
            }
        }
    }
}
