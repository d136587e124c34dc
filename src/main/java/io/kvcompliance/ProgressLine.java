package io.kvcompliance;

import io.kvcompliance.pipeline.SyncControl;
import io.kvcompliance.pipeline.SyncRun;
import java.io.PrintStream;
import java.time.Instant;

/**
 * The one-shot sync's live progress line on a terminal, redrawn in place twice a second. Without a
 * terminal (a pipe, a log file, cron) it draws nothing and the collector's periodic progress log lines
 * say the same thing as plain lines.
 */
final class ProgressLine implements AutoCloseable {
    private final Thread painter;
    private final PrintStream out;
    private volatile boolean done;
    private int width;

    private ProgressLine(SyncControl control, PrintStream out) {
        this.out = out;
        this.painter = new Thread(() -> paint(control), "kv-progress-line");
        painter.setDaemon(true);
        painter.start();
    }

    /** Starts drawing when there is a terminal; otherwise a no-op. */
    static AutoCloseable on(SyncControl control) {
        return System.console() == null ? () -> { } : new ProgressLine(control, System.err);
    }

    private void paint(SyncControl control) {
        while (!done) {
            control.running().ifPresent(sync -> draw(sync));
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void draw(SyncRun sync) {
        sync.liveProgress(true);
        String line = "sync: " + sync.progress().line(Instant.now());
        out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        out.flush();
        width = line.length();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        done = true;
        painter.interrupt();
        painter.join(1000);
        if (width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
            out.flush();
        }
    }
}
