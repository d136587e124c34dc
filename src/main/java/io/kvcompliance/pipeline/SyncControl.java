package io.kvcompliance.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place syncs start (bean {@code syncControl}): from the command, the schedule or the API.
 * Never two at once in this process: a trigger that comes while a sync runs is skipped, with a log line
 * and the skipped counter. Keeps recent syncs for {@code GET /sync/{id}}, logs the running sync's
 * progress every kv.sync.progress-interval-seconds, and on shutdown interrupts it so it ends cleanly.
 */
public final class SyncControl implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(SyncControl.class);
    private static final int RECENT = 100;
    private final CamelContext context;
    private final SyncRuns runs;
    private final int progressSeconds;
    private final AtomicReference<SyncRun> running = new AtomicReference<>();
    private final Map<String, SyncRun> recent = new LinkedHashMap<>();
    private final List<Consumer<SyncRun>> finishedListeners = new ArrayList<>();
    private final List<Consumer<String>> skippedListeners = new ArrayList<>();
    private volatile SyncRun lastFinished;
    private ProducerTemplate template;
    private ExecutorService worker;
    private ScheduledExecutorService ticker;

    SyncControl(CamelContext context, SyncRuns runs, int progressSeconds) {
        this.context = context;
        this.runs = runs;
        this.progressSeconds = progressSeconds;
    }

    /** Called with every sync that ended (metrics, health). */
    public void onFinished(Consumer<SyncRun> listener) {
        finishedListeners.add(listener);
    }

    /** Called with the trigger of every start that was skipped because a sync was running. */
    public void onSkipped(Consumer<String> listener) {
        skippedListeners.add(listener);
    }

    /** Runs a sync in the caller's thread (the command, a Quartz job); empty when one was running. */
    public Optional<SyncRun> runNow(String trigger) {
        return runNow(trigger, null);
    }

    private Optional<SyncRun> runNow(String trigger, Instant scheduledFor) {
        return claim(trigger).map(sync -> {
            sync.scheduledFor(scheduledFor);
            execute(sync);
            return sync;
        });
    }

    /** Starts a sync in the background and returns it at once (the API); empty when one was running. */
    public Optional<SyncRun> submit(String trigger) {
        return claim(trigger).map(sync -> {
            try {
                worker.execute(() -> execute(sync));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                running.set(null);
                throw new IllegalStateException("the collector is stopping; no new sync starts", e);
            }
            return sync;
        });
    }

    /** The schedule's step (route scheduled-sync): a sync for this fire time, or a skip when one is running. */
    public void scheduled(java.util.Date scheduledFireTime) {
        runNow("schedule", scheduledFireTime == null ? null : scheduledFireTime.toInstant());
    }

    /** A trigger skipped because a sync was running (here, or, for a Quartz misfire, anywhere in the cluster). */
    void skipped(String trigger) {
        skippedListeners.forEach(l -> l.accept(trigger));
    }

    public Optional<SyncRun> find(String syncId) {
        synchronized (recent) {
            return Optional.ofNullable(recent.get(syncId));
        }
    }

    public Optional<SyncRun> running() {
        return Optional.ofNullable(running.get());
    }

    public Optional<SyncRun> lastFinished() {
        return Optional.ofNullable(lastFinished);
    }

    private Optional<SyncRun> claim(String trigger) {
        SyncRun sync = runs.prepare(trigger);
        if (!running.compareAndSet(null, sync)) {
            SyncRun current = running.get();
            LOG.warn("{} trigger skipped: sync {} (started by {}) is still running", trigger,
                    current == null ? "?" : current.syncId(), current == null ? "?" : current.trigger());
            skipped(trigger);
            return Optional.empty();
        }
        synchronized (recent) {
            recent.put(sync.syncId(), sync);
            if (recent.size() > RECENT) {
                recent.remove(recent.keySet().iterator().next());
            }
        }
        return Optional.of(sync);
    }

    private void execute(SyncRun sync) {
        LOG.info("sync {} started ({})", sync.syncId(), sync.trigger());
        try {
            template.requestBody("direct:sync", sync);
        } catch (RuntimeException e) {
            // the sync route records its own failures; this is Camel itself failing (stopping, say)
            LOG.error("sync {} could not run: {}", sync.syncId(), e.getMessage());
            sync.failure("the sync could not run: " + e.getMessage(), false);
            if (!sync.isFinished()) {
                sync.finished();
            }
        } finally {
            // metrics and health first: once a sync is no longer running, everything about it is published
            if (sync.isFinished()) {
                if (sync.trigger().equals("command")) {
                    LOG.info("sync {} ended {} in {} s", sync.syncId(), sync.status(), sync.duration().toSeconds());
                } else {
                    // no terminal to print it on: the summary table goes to the log
                    LOG.info("sync {} ended:\n{}", sync.syncId(), SummaryTable.render(sync).stripTrailing());
                }
                finishedListeners.forEach(l -> l.accept(sync));
                lastFinished = sync;
            }
            running.set(null);
        }
    }

    /** Logs the running sync's progress; a sync shorter than one interval logs none. */
    private void tick() {
        SyncRun sync = running.get();
        if (sync != null && !sync.liveProgress()) {
            LOG.info("sync {}: {}", sync.syncId(), sync.progress().line(Instant.now()));
        }
    }

    @Override
    public void start() {
        template = context.createProducerTemplate();
        worker = context.getExecutorServiceManager().newSingleThreadExecutor(this, "kv-sync");
        ticker = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "kv-progress");
        ticker.scheduleAtFixedRate(this::tick, progressSeconds, progressSeconds, TimeUnit.SECONDS);
    }

    /** Camel is stopping: the running sync stops making Azure calls and ends INTERRUPTED. */
    void interruptRunning() {
        running().ifPresent(sync -> {
            if (!sync.interrupted()) {
                LOG.warn("shutting down: interrupting sync {}; what it read is delivered, nothing is tombstoned",
                        sync.syncId());
                sync.interrupt();
            }
        });
    }

    /**
     * Shutting down: the running sync is interrupted (calls not yet made are refused, it ends
     * INTERRUPTED and tombstones nothing) and given the shutdown timeout to deliver what it read.
     */
    @Override
    public void stop() {
        interruptRunning();
        context.getExecutorServiceManager().shutdownGraceful(worker);
        context.getExecutorServiceManager().shutdownNow(ticker);
    }
}
