package io.leadhandoff.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/operations/configuration.md holds the reference generated from the configuration tree, and the service reads its
 * own settings from that tree only. {@code -Dconfig-doc.write=true} rewrites the page's generated part.
 */
class ConfigurationReferenceTest {

    static final Path PAGE = Path.of("docs", "operations", "configuration.md");
    static final String START = "<!-- generated from io.leadhandoff.config.LeadHandoffConfig by ConfigurationReferenceTest: "
            + "edit the interfaces' Javadoc and defaults, then run it with -Dconfig-doc.write=true -->\n";
    static final String END = "<!-- end of the generated reference -->";

    private static final Path MAIN = Path.of("src", "main", "java");

    @Test
    void thePageHoldsTheReferenceOfTheTreeAsItIs() throws IOException {
        String generated = ConfigurationReference.markdown();
        if (Boolean.getBoolean("config-doc.write")) {
            String page = Files.readString(PAGE);
            Files.writeString(PAGE, page.substring(0, page.indexOf(START) + START.length()) + generated + page.substring(page.indexOf(END)),
                    StandardCharsets.UTF_8);
        }
        String page = Files.readString(PAGE);
        int start = page.indexOf(START);
        int end = page.indexOf(END);
        assertThat(start).as("the generated part's start marker in " + PAGE).isNotNegative();
        assertThat(end).as("its end marker").isGreaterThan(start);

        assertThat(page.substring(start + START.length(), end)).as("the reference in " + PAGE + " (regenerate: -Dconfig-doc.write=true)")
                .isEqualTo(generated);
    }

    @Test
    void everySettingSaysWhatItMeans() {
        assertThat(ConfigurationReference.settings()).hasSizeGreaterThan(20)
                .allSatisfy(s -> assertThat(s.meaning()).as(s.key() + " has Javadoc").hasSizeGreaterThan(15));
    }

    @Test
    void noSettingIsReadOutsideTheTree() throws IOException {
        List<String> loose = new ArrayList<>();
        for (Path source : sources()) {
            String text = Files.readString(source);
            if (text.contains("@ConfigProperty") || text.contains("@ConfigMapping") && !source.endsWith("LeadHandoffConfig.java")) {
                loose.add(source.toString());
            }
        }
        assertThat(loose).as("classes reading settings with @ConfigProperty or a @ConfigMapping of their own").isEmpty();
    }

    @Test
    void scheduledIntervalsAreKeysOfTheTreeWithTheirDefaultThere() throws IOException {
        Map<String, ConfigurationReference.Setting> tree = byKey();
        Pattern expression = Pattern.compile("@Scheduled\\([^)]*\\$\\{([^}]*)}");
        List<String> expressions = new ArrayList<>();
        for (Path source : sources()) {
            Matcher m = expression.matcher(Files.readString(source));
            while (m.find()) {
                expressions.add(m.group(1));
            }
        }
        assertThat(expressions).isNotEmpty().allSatisfy(key -> {
            assertThat(key).as("no default beside the expression: the tree holds it").doesNotContain(":");
            assertThat(tree).containsKey(key);
        });
    }

    @Test
    void applicationPropertiesSetNoSettingToItsDefault() throws IOException {
        Properties app = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            app.load(in);
        }
        Map<String, ConfigurationReference.Setting> tree = byKey();
        for (String name : app.stringPropertyNames()) {
            String key = name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name;
            if (key.startsWith("lead-handoff.")) {
                assertThat(tree).as(name + " is a key of the tree").containsKey(key);
                if (!name.startsWith("%")) {
                    assertThat(tree.get(key).defaultValue()).as(name + " differs from its default").isNotEqualTo(Optional.of(app.getProperty(name)));
                }
            }
        }
    }

    @Test
    void configMapsSetOnlyKeysOfTheTreeAwayFromTheirDefaults() throws IOException {
        Map<String, ConfigurationReference.Setting> byVariable = ConfigurationReference.settings().stream()
                .collect(Collectors.toMap(ConfigurationReference.Setting::environmentVariable, Function.identity()));
        List<Path> configMaps;
        try (Stream<Path> files = Files.walk(Path.of("k8s"))) {
            configMaps = files.filter(p -> p.toString().endsWith(".yaml")).filter(p -> read(p).contains("kind: ConfigMap")).toList();
        }
        assertThat(configMaps).isNotEmpty();
        for (Path p : configMaps) {
            Map<String, String> data = Serialization.unmarshal(Files.newInputStream(p), ConfigMap.class).getData();
            for (Map.Entry<String, String> e : data == null ? Map.<String, String>of().entrySet() : data.entrySet()) {
                if (e.getKey().startsWith("LEAD_HANDOFF_")) {
                    assertThat(byVariable).as(p + ": " + e.getKey() + " names a key of the tree").containsKey(e.getKey());
                    assertThat(byVariable.get(e.getKey()).defaultValue()).as(p + ": " + e.getKey() + " differs from its default")
                            .isNotEqualTo(Optional.of(e.getValue()));
                }
            }
        }
    }

    private static Map<String, ConfigurationReference.Setting> byKey() {
        return ConfigurationReference.settings().stream().collect(Collectors.toMap(ConfigurationReference.Setting::key, Function.identity()));
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
