package io.kvcompliance.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * stdout and stderr (where slf4j-simple logs) captured while it is open, and still shown in the build
 * log. Test-only glue.
 */
final class CapturedOutput implements AutoCloseable {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    private CapturedOutput() {
        System.setOut(new PrintStream(new Tee(captured, out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(captured, err), true, StandardCharsets.UTF_8));
    }

    static CapturedOutput start() {
        return new CapturedOutput();
    }

    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
    }

    /** Writes to the capture and the original stream. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            synchronized (a) {
                a.write(c);
            }
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            synchronized (a) {
                a.write(buf, off, len);
            }
            b.write(buf, off, len);
        }
    }
}
