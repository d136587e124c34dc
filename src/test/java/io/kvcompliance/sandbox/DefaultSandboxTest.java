package io.kvcompliance.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of tests that run against one default-tenant sandbox per test class, over real HTTPS. */
abstract class DefaultSandboxTest {
    static Sandbox sandbox;
    static SandboxTestClient client;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = Sandbox.start();
        client = new SandboxTestClient(sandbox);
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        client.close();
        sandbox.close();
    }
}
