package io.leadhandoff.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every (operation, status) pair the test suite received is documented in openapi/openapi.yaml. It runs in its own
 * Surefire execution after the whole suite (see pom.xml), reading what {@link ObservedStatusRecorder} wrote.
 */
class ObservedStatusesCheck {

    record Template(String path, Pattern pattern, long literals, JsonNode item) {
    }

    @Test
    void everyStatusTheSuiteReceivedIsDocumented() throws IOException {
        assumeTrue(Files.exists(ObservedStatusRecorder.FILE), "no @QuarkusTest ran, nothing was observed");
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi", "openapi.yaml").toFile());
        List<String> observed = Files.readAllLines(ObservedStatusRecorder.FILE);

        List<String> undocumented = undocumented(document, observed);

        assertThat(observed).as("statuses observed by the suite").isNotEmpty();
        assertThat(undocumented).as("answers the suite received that openapi/openapi.yaml does not document").isEmpty();
    }

    @Test
    void reportsAStatusTheDocumentLacks() {
        JsonNode document = new ObjectMapper().createObjectNode().set("paths", new ObjectMapper().createObjectNode()
                .set("/api/v1/leads/{id}", new ObjectMapper().createObjectNode()
                        .set("get", new ObjectMapper().createObjectNode().put("operationId", "getLead")
                                .set("responses", new ObjectMapper().createObjectNode().put("200", "ok")))));

        assertThat(undocumented(document, List.of("GET\t/api/v1/leads/01ABC\t200", "GET\t/api/v1/leads/01ABC\t404",
                "GET\t/q/health\t200", "POST\t/api/v1/leads/01ABC\t405")))
                .containsExactly("getLead (GET /api/v1/leads/{id}) answered 404");
    }

    static List<String> undocumented(JsonNode document, List<String> observed) {
        List<Template> templates = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(e -> templates.add(new Template(e.getKey(),
                Pattern.compile(e.getKey().replaceAll("\\{[^/]+}", "[^/]+")),
                e.getKey().split("/").length - e.getKey().chars().filter(c -> c == '{').count(), e.getValue())));
        TreeSet<String> missing = new TreeSet<>();
        for (String line : observed) {
            String[] f = line.split("\t");
            if (f.length != 3) {
                continue;
            }
            Optional<Template> template = templates.stream().filter(t -> t.pattern().matcher(f[1]).matches())
                    .max(Comparator.comparingLong(Template::literals));
            JsonNode operation = template.map(t -> t.item().path(f[0].toLowerCase())).orElse(null);
            if (operation == null || operation.isMissingNode()) {
                continue; // not an operation of the API (unknown path, /q/..., a method the path does not have)
            }
            JsonNode responses = operation.path("responses");
            if (!responses.has(f[2]) && !responses.has("default")) {
                missing.add(operation.path("operationId").asText() + " (" + f[0] + " " + template.get().path() + ") answered " + f[2]);
            }
        }
        return List.copyOf(missing);
    }
}
