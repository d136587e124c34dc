package io.kvcompliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage and configuration errors exit 2 with a message that names the cause and the fix. */
class CommandExitCodesTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cli = App.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void checkOfTheShippedConfigurationExitsTwoNamingAMissingSignInKey() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "check")).isEqualTo(App.EXIT_USAGE);
        assertThat(err.toString()).startsWith("error: kv.auth.").contains("is not set");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "sync", "--no-such-option")).isEqualTo(App.EXIT_USAGE);
        assertThat(err.toString()).contains("--no-such-option");
    }
}
