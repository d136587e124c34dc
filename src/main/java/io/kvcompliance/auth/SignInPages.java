package io.kvcompliance.auth;

/** The small HTML pages the loopback callback shows in the user's browser. */
final class SignInPages {
    private SignInPages() {
    }

    static String connected(Connection c, String next) {
        return message("Connected", "keyvault-compliance is signed in as " + c.username() + " for tenant "
                + c.tenantId() + ". " + next);
    }

    static String message(String title, String text) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>keyvault-compliance: " + escape(title)
                + "</title></head><body style=\"font-family:sans-serif;margin:3em\"><h1>" + escape(title) + "</h1><p>"
                + escape(text) + "</p></body></html>";
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
