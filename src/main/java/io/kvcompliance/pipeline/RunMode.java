package io.kvcompliance.pipeline;

import io.kvcompliance.auth.DelegatedClient;
import io.kvcompliance.delivery.RecordStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.Registry;
import org.flywaydb.core.Flyway;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What only the run command needs, bound when kv.run is true: the Quartz scheduler (in memory, or
 * Quartz's clustered JDBC job store on PostgreSQL when kv.schedule.clustered), the on-demand API, the
 * health check and the metrics; and once Camel has started, the misfire log and the sync at start.
 */
final class RunMode {
    private static final Logger LOG = LoggerFactory.getLogger(RunMode.class);

    private RunMode() {
    }

    static void bind(CamelContext context, Function<String, String> property, SyncControl control) {
        if (!"true".equals(property.apply("kv.run"))) {
            return;
        }
        Registry registry = context.getRegistry();
        registry.bind("syncApi", SyncApi.create(control, property.apply("camel.server.host"),
                property.apply("kv.server.api-key")));
        registry.bind("collectorHealth", new CollectorHealthCheck(control,
                registry.lookupByNameAndType("delegatedClient", DelegatedClient.class)));
        MeterRegistry meters = registry.findSingleByType(MeterRegistry.class);
        if (meters != null) {
            new SyncMetrics(meters, control);
        }
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.setEnableJmx(false);
        quartz.setProperties(quartzProperties(property));
        boolean syncAtStart = CollectorConfiguration.boolProperty(property, "kv.schedule.sync-at-start");
        context.addLifecycleStrategy(new org.apache.camel.support.LifecycleStrategySupport() {
            @Override
            public void onContextStarted(CamelContext started) {
                listenForMisfires(quartz, control);
                if (syncAtStart) {
                    control.submit("start");
                }
            }
        });
    }

    /**
     * Quartz's own settings (the component takes them all from here): a small thread pool, the misfire
     * threshold, and the job store. Clustered: every instance must share the database and camel.main.name.
     */
    private static Map<String, String> quartzProperties(Function<String, String> property) {
        Map<String, String> q = new HashMap<>();
        q.put("org.quartz.scheduler.instanceName", "keyvault-compliance");
        q.put("org.quartz.scheduler.skipUpdateCheck", "true");
        q.put("org.quartz.threadPool.threadCount", "2");
        q.put("org.quartz.jobStore.misfireThreshold", String.valueOf(CollectorConfiguration.intProperty(property,
                "kv.schedule.misfire-threshold-ms")));
        if (!CollectorConfiguration.boolProperty(property, "kv.schedule.clustered")) {
            q.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            return q;
        }
        String url = property.apply("kv.delivery.database.url");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("kv.schedule.clustered=true needs PostgreSQL: kv.delivery.database.url is '"
                    + (url == null ? null : RecordStore.masked(url)) + "'; point it at the PostgreSQL every instance shares, or set kv.schedule.clustered=false");
        }
        String user = property.apply("kv.delivery.database.user");
        String password = property.apply("kv.delivery.database.password");
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/quartz")
                .table("flyway_quartz_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
        q.put("org.quartz.scheduler.instanceId", "AUTO");
        q.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        q.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        q.put("org.quartz.jobStore.isClustered", "true");
        q.put("org.quartz.jobStore.clusterCheckinInterval", "5000");
        q.put("org.quartz.jobStore.dataSource", "kv");
        q.put("org.quartz.dataSource.kv.driver", "org.postgresql.Driver");
        q.put("org.quartz.dataSource.kv.URL", url);
        q.put("org.quartz.dataSource.kv.user", user == null ? "" : user);
        q.put("org.quartz.dataSource.kv.password", password == null ? "" : password);
        q.put("org.quartz.dataSource.kv.maxConnections", "4");
        // a pooled connection dropped by a firewall or a failover is found out before Quartz uses it
        q.put("org.quartz.dataSource.kv.validationQuery", "SELECT 1");
        q.put("org.quartz.dataSource.kv.validateOnCheckout", "true");
        return q;
    }

    /** A fire time Quartz skipped (DO_NOTHING) gets a log line and the skipped counter. */
    private static void listenForMisfires(QuartzComponent quartz, SyncControl control) {
        try {
            quartz.getScheduler().getListenerManager().addTriggerListener(new TriggerListenerSupport() {
                @Override
                public String getName() {
                    return "kv-misfires";
                }

                @Override
                public void triggerMisfired(Trigger trigger) {
                    LOG.warn("scheduled sync skipped: its fire time passed while a sync was still running (or no"
                            + " instance was up); next at {}", trigger.getNextFireTime());
                    control.skipped("schedule-misfire");
                }
            });
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException("cannot watch the schedule's misfires: " + e.getMessage(), e);
        }
    }
}
