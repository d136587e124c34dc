package io.kvcompliance.pipeline;

import java.util.function.Function;
import org.apache.camel.spi.Registry;

/** Binds the beans that turn reads into records and account for them: records, coverage, syncs. */
final class PipelineBeans {
    private PipelineBeans() {
    }

    static void bind(Registry registry, Function<String, String> property, ApiVersions versions) {
        registry.bind("records", new RecordFactory(versions));
        registry.bind("coverage", new Coverage(versions));
        registry.bind("syncRuns", new SyncRuns(property.apply("kv.auth.tenant-id")));
    }
}
