package io.leadhandoff.config;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of the configuration tree ({@link LeadHandoffConfig}), read from its interfaces: each key as SmallRye
 * names it, its default and the Javadoc of its method (from the source file), rendered as the Markdown table of
 * docs/operations/configuration.md.
 */
final class ConfigurationReference {

    /** One key of the tree. */
    record Setting(String key, Optional<String> defaultValue, String meaning) {

        String environmentVariable() {
            return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        }
    }

    private static final Pattern LINK = Pattern.compile("\\{@link #(\\w+)\\(\\)}");

    private ConfigurationReference() {
    }

    static List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        walk(LeadHandoffConfig.class, "lead-handoff", settings);
        settings.sort(Comparator.comparing(Setting::key));
        return settings;
    }

    static String markdown() {
        StringBuilder md = new StringBuilder("| key | environment variable | default | meaning |\n|---|---|---|---|\n");
        for (Setting s : settings()) {
            md.append("| `").append(s.key()).append("` | `").append(s.environmentVariable()).append("` | ")
                    .append(s.defaultValue().map(d -> "`" + d + "`").orElse("(none)")).append(" | ")
                    .append(s.meaning().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    private static void walk(Class<?> group, String prefix, List<Setting> into) {
        for (Method m : group.getDeclaredMethods()) {
            if (m.isSynthetic() || m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String key = prefix + "." + name(m);
            Class<?> type = m.getReturnType();
            if (type.isInterface() && type.getPackageName().startsWith("io.leadhandoff")) {
                walk(type, key, into);
                continue;
            }
            Optional<String> defaultValue = Optional.ofNullable(m.getAnnotation(WithDefault.class)).map(WithDefault::value);
            into.add(new Setting(key, defaultValue, javadoc(group, m.getName())));
        }
    }

    private static String name(Method m) {
        WithName named = m.getAnnotation(WithName.class);
        return named != null ? named.value() : kebab(m.getName());
    }

    /** SmallRye's default naming: {@code keyCacheTtl} is {@code key-cache-ttl}. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** The Javadoc of {@code method} in the source of {@code type}, as one line of Markdown; empty when it has none. */
    static String javadoc(Class<?> type, String method) {
        Path source = Path.of("src", "main", "java", type.getName().replace('.', '/') + ".java");
        String text;
        try {
            text = Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*[\\w.<>?, ]+\\s+" + method + "\\(\\)\\s*;",
                Pattern.DOTALL).matcher(text);
        if (!m.find()) {
            return "";
        }
        String doc = m.group(1).replaceAll("(?m)^\\s*\\*\\s?", " ").replaceAll("\\s+", " ").strip();
        Matcher link = LINK.matcher(doc);
        StringBuilder out = new StringBuilder();
        while (link.find()) {
            link.appendReplacement(out, Matcher.quoteReplacement("`" + kebab(link.group(1)) + "`"));
        }
        link.appendTail(out);
        return out.toString().replaceAll("\\{@code ([^}]*)}", "`$1`").replaceAll("\\{@link ([^}]*)}", "`$1`");
    }
}
