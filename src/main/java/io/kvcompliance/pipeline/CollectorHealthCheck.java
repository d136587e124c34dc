package io.kvcompliance.pipeline;

import io.kvcompliance.auth.Connection;
import io.kvcompliance.auth.DelegatedClient;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code /observe/health} of the run command: DOWN, with the reason, when no user is connected
 * (delegated sign-in), when the last sync needs a reconnect and none happened since, or when the last
 * sync failed; UP otherwise, with the last and the running sync as details.
 */
final class CollectorHealthCheck extends AbstractHealthCheck {
    private final SyncControl control;
    private final DelegatedClient delegated;

    /** @param delegated the delegated client, or null for a service principal (its credentials are configured) */
    CollectorHealthCheck(SyncControl control, DelegatedClient delegated) {
        super("keyvault-compliance", "collector");
        this.control = control;
        this.delegated = delegated;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<SyncRun> last = control.lastFinished();
        control.running().ifPresent(s -> builder.detail("running.sync", s.syncId()));
        last.ifPresent(s -> {
            builder.detail("last.sync", s.syncId());
            builder.detail("last.status", s.status().name());
            builder.detail("last.finished", String.valueOf(s.finishedAt()));
        });
        Optional<Connection> connection = delegated == null ? Optional.empty() : delegated.store().connection();
        if (delegated != null && connection.isEmpty()) {
            builder.message("not connected: no user is signed in; run `connect` (or `connect --device-code`)").down();
            return;
        }
        if (last.isPresent() && last.get().status() == SyncRun.Status.RECONNECT_REQUIRED
                && connection.map(c -> c.connectedAt().isBefore(last.get().startedAt())).orElse(true)) {
            builder.message("reconnect required: the signed-in user's grant was revoked or expired; run `connect`").down();
            return;
        }
        if (last.isPresent() && last.get().status() == SyncRun.Status.FAILED) {
            builder.message("the last sync failed: " + String.join("; ", last.get().failures())).down();
            return;
        }
        builder.message(last.map(s -> "last sync " + s.status()).orElse("no sync yet")).up();
    }
}
