package io.leadhandoff.console;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers read on the pages: one spelling for each kind, so a page and its table always agree. */
public final class Fmt {

    /** Shown for a value that does not exist (a rate over zero leads, a cost without spend). */
    public static final String NONE = "–";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A 0–1 rate as a percentage with one decimal. */
    public static String percent(Double rate) {
        return rate == null ? NONE : String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    public static String money(BigDecimal amount) {
        return amount == null ? NONE : String.format(Locale.ROOT, "%,.2f", amount);
    }

    /** An amount with its currency (ISO 4217) after it, as "1,250.00 EUR"; several currencies are not added up. */
    public static String money(BigDecimal amount, String currency) {
        return amount == null ? NONE : money(amount) + (currency == null ? "" : " " + currency);
    }

    /** A probability or score with three decimals (AUC, Brier). */
    public static String decimal(Double value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%.3f", value);
    }

    public static String time(Instant at) {
        return at == null ? NONE : TIME.format(at);
    }

    /** Seconds as the largest unit that keeps the number readable: 42 s, 7.5 min, 3.2 h, 4.1 d. */
    public static String duration(Double seconds) {
        if (seconds == null) {
            return NONE;
        }
        double s = seconds;
        if (s < 60) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600);
        }
        return String.format(Locale.ROOT, "%.1f d", s / 86_400);
    }

    /** Long labels (sources, campaigns) cut for a chart axis; the table beside it shows them whole. */
    public static String shortLabel(String label, int max) {
        if (label == null) {
            return NONE;
        }
        return label.length() <= max ? label : label.substring(0, max - 1) + "…";
    }
}
