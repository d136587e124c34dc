package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.entra.EntraDirectory.TenantRef;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.util.Map;

/**
 * {@code /device}, the sandbox's counterpart of microsoft.com/devicelogin: GET shows the code form with
 * the fixture's users, POST approves ({@code action=approve}) or declines the code for the chosen user.
 */
final class DevicePage {
    static final String OP_PAGE = "login:device";
    static final String OP_SUBMIT = "login:device-submit";
    private static final int MAX_LISTED_USERS = 100;

    private final EntraDirectory directory;
    private final DeviceCodeEndpoint devices;

    DevicePage(EntraDirectory directory, DeviceCodeEndpoint devices) {
        this.directory = directory;
        this.devices = devices;
    }

    SandboxResponse handle(SandboxRequest req) {
        if (req.method().equals("POST")) {
            return submit(req);
        }
        return page(200, req.query("user_code"), null).operation(OP_PAGE);
    }

    private SandboxResponse submit(SandboxRequest req) {
        Map<String, String> form = TokenEndpoint.firstValues(req.form());
        String userCode = form.get("user_code");
        try {
            if ("decline".equals(form.get("action"))) {
                devices.decline(userCode);
                return SandboxResponse.html(200, LoginPages.message("Sign-in cancelled", "You have declined to sign"
                        + " in to the application on your device. You may now close this window."))
                        .operation(OP_SUBMIT);
            }
            devices.approve(userCode, form.get("user"));
            return SandboxResponse.html(200, LoginPages.message("You're signed in", "You have signed in to the"
                    + " application on your device. You may now close this window.")).operation(OP_SUBMIT);
        } catch (IllegalArgumentException e) {
            return page(400, userCode, e.getMessage()).operation(OP_SUBMIT);
        }
    }

    private SandboxResponse page(int status, String prefill, String problem) {
        TenantRef all = new TenantRef("organizations", null);
        return SandboxResponse.html(status, LoginPages.device(prefill, directory.signInCandidates(all,
                MAX_LISTED_USERS), problem)).header("Cache-Control", "no-store, no-cache");
    }
}
