package io.leadhandoff.scoring;

import io.leadhandoff.condition.Facts;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The binary features the learned model sees: categorical fields one-hot, numbers bucketed, and the
 * rule model's own fit, engagement and grade, and the contact-quality facts. Pure and deterministic, used
 * for training and scoring.
 */
public final class Features {

    private static final Pattern EXEC = Pattern.compile("\\b(chief|ceo|cto|cfo|cmo|coo|cio|founder|owner|president)\\b");
    private static final Pattern VP = Pattern.compile("\\b(vp|svp|evp|vice president|head of|director)\\b");
    private static final Pattern MANAGER = Pattern.compile("\\b(manager|lead|principal)\\b");
    private static final Pattern STUDENT = Pattern.compile("\\b(student|intern|trainee|unemployed)\\b");

    private Features() {
    }

    public static Set<String> of(Facts facts, int fit, int engagement, String grade) {
        Set<String> f = new LinkedHashSet<>();
        category(f, "source", facts.get("source"));
        category(f, "campaign", facts.get("campaign"));
        category(f, "country", facts.get("country"));
        category(f, "industry", facts.get("industry"));
        f.add("freeEmail=" + Boolean.TRUE.equals(facts.get("freeEmail")));
        f.add("seniority=" + seniority((String) facts.get("title")));
        f.add("employees=" + bucket(number(facts.get("employeeCount")), new long[] {10, 100, 1000}, new String[] {"<10", "10-99", "100-999", "1000+"}));
        f.add("revenue=" + bucket(number(facts.get("annualRevenue")), new long[] {1_000_000, 10_000_000, 100_000_000},
                new String[] {"<1M", "1M-10M", "10M-100M", "100M+"}));
        f.add("pageViews=" + bucket(number(facts.get("activity.pageViews")), new long[] {1, 5, 20}, new String[] {"0", "1-4", "5-19", "20+"}));
        f.add("forms=" + bucket(number(facts.get("activity.formSubmissions")), new long[] {1, 2}, new String[] {"0", "1", "2+"}));
        f.add("webinars=" + bucket(number(facts.get("activity.webinarsAttended")), new long[] {1}, new String[] {"0", "1+"}));
        f.add("emailClicks=" + bucket(number(facts.get("activity.emailClicks")), new long[] {1, 3}, new String[] {"0", "1-2", "3+"}));
        if (facts.get("contact.phonePresent") != null) {
            f.add("phone=" + (Boolean.TRUE.equals(facts.get("contact.phoneValid")) ? "valid"
                    : Boolean.TRUE.equals(facts.get("contact.phonePresent")) ? "invalid" : "missing"));
            f.add("roleMailbox=" + facts.get("contact.roleMailbox"));
            f.add("disposableEmail=" + facts.get("contact.disposableEmail"));
            f.add("placeholderName=" + facts.get("contact.placeholderName"));
            f.add("company=" + (Boolean.TRUE.equals(facts.get("contact.companyMissing")) ? "missing" : "present"));
        }
        f.add("fit=" + band(fit));
        f.add("engagement=" + band(engagement));
        f.add("grade=" + grade);
        return f;
    }

    static String seniority(String title) {
        if (title == null) {
            return "unknown";
        }
        String t = title.toLowerCase(Locale.ROOT);
        if (STUDENT.matcher(t).find()) {
            return "student";
        }
        if (EXEC.matcher(t).find()) {
            return "exec";
        }
        if (VP.matcher(t).find()) {
            return "vp-director";
        }
        return MANAGER.matcher(t).find() ? "manager" : "individual";
    }

    private static void category(Set<String> features, String name, Object value) {
        features.add(name + "=" + (value == null ? "(none)" : value.toString().toLowerCase(Locale.ROOT)));
    }

    private static Double number(Object value) {
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static String bucket(Double value, long[] bounds, String[] names) {
        if (value == null) {
            return "unknown";
        }
        for (int i = 0; i < bounds.length; i++) {
            if (value < bounds[i]) {
                return names[i];
            }
        }
        return names[names.length - 1];
    }

    private static String band(int score) {
        int low = Math.min(80, score - score % 20);
        return low + "-" + (low == 80 ? 100 : low + 19);
    }
}
