package io.leadhandoff.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What the bootstrap key's settings do before any database is asked. */
class BootstrapKeySettingsTest {

    private static final String KEY = "a-bootstrap-key-of-32-characters";

    @Test
    void aKeptBootstrapKeyIsAWarningAtEveryStart() {
        List<LogRecord> records = logged(() -> new BootstrapKey(settings(KEY, true), null, null).onStart(null));

        assertThat(records).anySatisfy(r -> {
            assertThat(r.getLevel().intValue()).isGreaterThanOrEqualTo(Level.WARNING.intValue());
            assertThat(r.getMessage()).contains("keep-bootstrap-key=true");
        });
    }

    @Test
    void aBootstrapKeyThatRetiresIsNoWarningAtStart() {
        List<LogRecord> records = logged(() -> new BootstrapKey(settings(KEY, false), null, null).onStart(null));

        assertThat(records).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
    }

    @Test
    void aKeptBootstrapKeyIsUsableWithoutLookingForAdminKeys() {
        BootstrapKey kept = new BootstrapKey(settings(KEY, true), null, null);

        assertThat(kept.usable()).isTrue();
        assertThat(kept.matches(Secrets.sha256Hex(KEY))).isTrue();
        assertThat(kept.matches(Secrets.sha256Hex(KEY + "x"))).isFalse();
    }

    @Test
    void noBootstrapKeyMatchesNothing() {
        BootstrapKey none = new BootstrapKey(settings(null, true), null, null);

        assertThat(none.usable()).isFalse();
        assertThat(none.matches(Secrets.sha256Hex(""))).isFalse();
    }

    @Test
    void aShortBootstrapKeyStopsTheStart() {
        assertThatThrownBy(() -> new BootstrapKey(settings("too-short", false), null, null)).hasMessageContaining("at least 24 characters");
    }

    /** The security settings with these two and every other at its default. */
    private static SecurityConfig settings(String key, boolean keep) {
        Map<String, Object> values = new HashMap<>(Map.of("bootstrapAdminKey", Optional.ofNullable(key), "keepBootstrapKey", keep,
                "defaultRatePerSecond", 50, "defaultBurst", 100, "keyCacheTtl", Duration.ofSeconds(1)));
        return (SecurityConfig) Proxy.newProxyInstance(SecurityConfig.class.getClassLoader(), new Class<?>[] {SecurityConfig.class},
                (proxy, method, args) -> values.get(method.getName()));
    }

    private static List<LogRecord> logged(Runnable action) {
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger(BootstrapKey.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return records;
    }
}
