package io.kvcompliance.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Secrets come from the environment only: a configuration file that gives one a value is refused at
 * start-up, naming the key, the file and the environment variable to use instead.
 */
final class SecretKeys {
    static final List<String> SECRETS = List.of("kv.auth.client-secret", "kv.auth.client-certificate-password",
            "kv.cloud.trust-store-password", "kv.delivery.database.password", "kv.delivery.webhook.auth-value", "kv.server.api-key");
    static final List<Path> FILES = List.of(Path.of("config", "application.properties"), Path.of("config", "local.properties"));

    private SecretKeys() {
    }

    static void refuseSecretsInFiles() {
        for (Path file : FILES) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
            for (String key : SECRETS) {
                String value = p.getProperty(key);
                if (value != null && !value.isBlank()) {
                    throw new IllegalArgumentException(key + " has a value in " + file + ": secrets never go in a file."
                            + " Remove it there and set the environment variable " + envName(key) + " instead");
                }
            }
        }
    }

    static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
