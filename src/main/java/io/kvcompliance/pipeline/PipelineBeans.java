package io.kvcompliance.pipeline;

import io.kvcompliance.delivery.NdjsonSink;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.camel.spi.Registry;

/** Binds the beans that turn reads into records and deliver them: records, coverage, syncs, sink. */
final class PipelineBeans {
    private PipelineBeans() {
    }

    static void bind(Registry registry, Function<String, String> property, ApiVersions versions) {
        registry.bind("records", new RecordFactory(versions));
        registry.bind("coverage", new Coverage(versions));
        registry.bind("syncRuns", new SyncRuns(property.apply("kv.auth.tenant-id")));
        String directory = property.apply("kv.delivery.ndjson.directory");
        if (directory == null || directory.isBlank()) {
            throw new IllegalArgumentException("kv.delivery.ndjson.directory is not set: give the directory NDJSON"
                    + " files are written to, e.g. data/out");
        }
        registry.bind("recordSink", new RecordSink(new NdjsonSink(Path.of(directory),
                CollectorConfiguration.intProperty(property, "kv.delivery.ndjson.keep"))));
    }
}
