package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config/local.properties overrides the shipped defaults of config/application.properties. */
class ConfigurationPrecedenceTest {

    @Test
    void localPropertiesOverrideTheShippedDefaults(@TempDir Path work) throws Exception {
        Path local = CollectorRuntime.LOCAL_PROPERTIES;
        boolean existed = Files.exists(local);
        String before = existed ? Files.readString(local) : null;
        try (Sandbox sandbox = Sandbox.start()) {
            Files.writeString(local, "kv.sync.vault-concurrency = 7\nkv.delivery.ndjson.keep = 3\n");
            Map<String, String> props = SyncHarness.properties(sandbox, work);
            try (CollectorRuntime runtime = CollectorRuntime.start(props, false)) {
                var resolve = runtime.context().getPropertiesComponent();
                assertThat(resolve.resolveProperty("kv.sync.vault-concurrency")).contains("7");
                assertThat(resolve.resolveProperty("kv.delivery.ndjson.keep")).contains("3");
                assertThat(resolve.resolveProperty("kv.http.max-connections")).contains("64");
            }
        } finally {
            if (existed) {
                Files.writeString(local, before);
            } else {
                Files.deleteIfExists(local);
            }
        }
    }
}
