package io.kvcompliance.pipeline;

import io.kvcompliance.delivery.DatabaseSink;
import io.kvcompliance.delivery.DeliveryChannel;
import io.kvcompliance.delivery.DeliveryRetry;
import io.kvcompliance.delivery.NdjsonSink;
import io.kvcompliance.delivery.RecordStore;
import io.kvcompliance.delivery.Spool;
import io.kvcompliance.delivery.WebhookSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads kv.delivery.endpoints into destinations: the built-ins ndjson, database and webhook, and any
 * other Camel endpoint URI. Each destination other than ndjson has its own retry policy
 * (kv.delivery.&lt;name&gt;.retry.*, else kv.delivery.retry.*) and its own spool directory.
 */
final class DeliveryEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryEndpoints.class);

    private DeliveryEndpoints() {
    }

    static List<Destination> fromProperties(CamelContext context, Function<String, String> property) {
        String list = property.apply("kv.delivery.endpoints");
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("kv.delivery.endpoints is empty: records would go nowhere. List at least"
                    + " one of ndjson, database, webhook, or a Camel endpoint URI");
        }
        Path spools = Path.of(CollectorConfiguration.requiredProperty(property, "kv.delivery.spool.directory", "the spool directory, e.g. data/spool"));
        List<Destination> destinations = new ArrayList<>();
        for (String entry : new LinkedHashSet<>(List.of(list.trim().split("\\s*,\\s*", -1)))) {
            if (entry.isBlank()) {
                throw new IllegalArgumentException("kv.delivery.endpoints '" + list + "' has an empty entry: list"
                        + " ndjson, database, webhook or Camel endpoint URIs separated by single commas (a comma inside"
                        + " a URI's option is written %2C)");
            }
            switch (entry) {
                case "ndjson" -> destinations.add(new NdjsonDestination(new NdjsonSink(
                        Path.of(CollectorConfiguration.requiredProperty(property, "kv.delivery.ndjson.directory", "the NDJSON directory, e.g. data/out")),
                        CollectorConfiguration.intProperty(property, "kv.delivery.ndjson.keep"),
                        CollectorConfiguration.boolProperty(property, "kv.delivery.ndjson.per-type"))));
                case "database" -> destinations.add(database(property, spools));
                case "webhook" -> destinations.add(channel(property, spools, "webhook", "webhook",
                        WebhookSink.fromSettings(property.apply("kv.delivery.webhook.url"),
                                property.apply("kv.delivery.webhook.auth-header"),
                                property.apply("kv.delivery.webhook.auth-value"),
                                CollectorConfiguration.intProperty(property, "kv.delivery.webhook.timeout-ms")),
                        CollectorConfiguration.intProperty(property, "kv.delivery.webhook.batch-size"), null));
                default -> {
                    String scheme = scheme(entry);
                    requireComponent(context, entry);
                    // named by scheme and path, not options: a changed broker list or credential keeps the spool
                    String address = entry.contains("?") ? entry.substring(0, entry.indexOf('?')) : entry;
                    destinations.add(channel(property, spools, scheme + "-" + shortHash(address), scheme,
                            new CamelEndpointSink(context, entry),
                            CollectorConfiguration.intProperty(property, "kv.delivery.batch-size"), null));
                }
            }
        }
        warnAboutOrphanedSpools(spools, destinations);
        return List.copyOf(destinations);
    }

    private static Destination database(Function<String, String> property, Path spools) {
        String url = CollectorConfiguration.requiredProperty(property, "kv.delivery.database.url", "a JDBC URL, e.g."
                + " jdbc:h2:file:./data/kvc;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE, or remove database from"
                + " kv.delivery.endpoints");
        RecordStore store = RecordStore.open(url, property.apply("kv.delivery.database.user"),
                property.apply("kv.delivery.database.password"));
        return channel(property, spools, "database", "database", new DatabaseSink(store),
                CollectorConfiguration.intProperty(property, "kv.delivery.database.batch-size"), store);
    }

    private static Destination channel(Function<String, String> property, Path spools, String name, String settings,
                                       io.kvcompliance.delivery.Sink sink, int batchSize, AutoCloseable resource) {
        DeliveryRetry retry = new DeliveryRetry(retryInt(property, settings, "kv.delivery.retry.attempts"),
                Duration.ofMillis(retryInt(property, settings, "kv.delivery.retry.initial-delay-ms")),
                Duration.ofMillis(retryInt(property, settings, "kv.delivery.retry.max-delay-ms")));
        return new ChannelDestination(new DeliveryChannel(name, sink, batchSize, retry, new Spool(spools.resolve(name))),
                resource);
    }

    /** kv.delivery.&lt;settings&gt;.retry.&lt;key&gt; when set, else the shared kv.delivery.retry.&lt;key&gt;. */
    private static int retryInt(Function<String, String> property, String settings, String sharedKey) {
        String own = sharedKey.replace("kv.delivery.retry.", "kv.delivery." + settings + ".retry.");
        String value = property.apply(own);
        return CollectorConfiguration.intProperty(property, value == null || value.isBlank() ? sharedKey : own);
    }

    /** Records left in the spool of a destination no longer configured would never be replayed: say so. */
    private static void warnAboutOrphanedSpools(Path spools, List<Destination> destinations) {
        if (!java.nio.file.Files.isDirectory(spools)) {
            return;
        }
        Set<String> names = new java.util.HashSet<>();
        destinations.forEach(d -> names.add(d.name()));
        try (var dirs = java.nio.file.Files.list(spools)) {
            dirs.filter(java.nio.file.Files::isDirectory).filter(d -> !names.contains(d.getFileName().toString()))
                    .forEach(d -> {
                        long waiting = new Spool(d).pendingRecords();
                        if (waiting > 0) {
                            LOG.warn("{} holds {} spooled records of a destination that is no longer in"
                                    + " kv.delivery.endpoints; they are not replayed until it is configured again", d, waiting);
                        }
                    });
        } catch (java.io.IOException e) {
            LOG.warn("cannot look for orphaned spools in {}: {}", spools, e.getMessage());
        }
    }

    /** A URI whose component is missing, or whose options are wrong, fails now, before any route starts. */
    private static void requireComponent(CamelContext context, String uri) {
        try {
            context.getEndpoint(uri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("kv.delivery.endpoints: cannot use '" + safe(uri)
                    + "' (" + e.getMessage()
                    + "); add the Camel component of its scheme to the classpath, or fix its options", e);
        }
    }

    private static String scheme(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("kv.delivery.endpoints: '" + safe(uri) + "' is neither a built-in (ndjson,"
                    + " database, webhook) nor a Camel endpoint URI (scheme:path?options)");
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            throw new IllegalArgumentException("kv.delivery.endpoints: '" + safe(uri) + "': camel-http is reserved for Azure"
                    + " and refuses every other host; deliver to an HTTP receiver with the webhook built-in"
                    + " (kv.delivery.webhook.url)");
        }
        return scheme;
    }

    /** A URI fit for a message: password-like options and user:password@ masked. */
    static String safe(String uri) {
        return URISupport.sanitizeUri(uri).replaceAll("//[^/@?]*@", "//xxxxxx@");
    }

    /** A stable name for a URI's spool directory, so a restart finds what it left. */
    private static String shortHash(String uri) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
