package io.leadhandoff;

import java.util.UUID;

/** Unique values so that every test owns its rows and never depends on another test's. */
public final class TestData {

    private TestData() {
    }

    public static String uniqueEmail() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12) + "@acme-" + UUID.randomUUID().toString().substring(0, 6) + ".example";
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
