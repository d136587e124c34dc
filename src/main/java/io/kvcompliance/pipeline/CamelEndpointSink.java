package io.kvcompliance.pipeline;

import io.kvcompliance.delivery.DeliveryItem;
import io.kvcompliance.delivery.Sink;
import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.RecordJson;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Any Camel endpoint URI as a destination (kafka:, aws2-s3:, file:, jms:...): one message per record,
 * its NDJSON line as the body, with headers naming the sync, record and type. A batch that fails is
 * retried whole, so a consumer may see a record twice: KvRecordId and KvAttributesHash let it tell.
 */
final class CamelEndpointSink implements Sink {
    private final CamelContext context;
    private final String uri;
    private ProducerTemplate template;

    CamelEndpointSink(CamelContext context, String uri) {
        this.context = context;
        this.uri = uri;
    }

    /** The URI with password-like options and user:password@ masked. */
    @Override
    public String toString() {
        return "Camel endpoint " + DeliveryEndpoints.safe(uri);
    }

    @Override
    public synchronized void deliver(DeliveryItem item) throws Exception {
        if (!(item instanceof DeliveryItem.Batch batch)) {
            return; // the end of a sync carries no record; the summary record went with the last batch
        }
        if (template == null) {
            template = context.createProducerTemplate();
        }
        for (ComplianceRecord r : batch.records()) {
            Exchange sent = template.send(uri, e -> {
                e.getMessage().setBody(RecordJson.toJson(r));
                e.getMessage().setHeader("KvSyncId", batch.syncId());
                e.getMessage().setHeader("KvRecordId", r.recordId());
                e.getMessage().setHeader("KvRecordType", r.type().jsonName());
                e.getMessage().setHeader("KvAttributesHash", r.attributesHash());
            });
            if (sent.getException() != null) {
                throw sent.getException();
            }
        }
    }
}
