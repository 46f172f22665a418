package io.leadhandoff.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.common.ProblemType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/api/errors.md lists every problem type the service can answer, with its status, and no other. */
class ErrorTableTest {

    private static final Path ERRORS = Path.of("docs", "api", "errors.md");
    private static final Pattern ROW = Pattern.compile("^\\| (\\d{3}) \\| `(urn:lead-handoff:problem:[a-z-]+)` \\| (.+) \\|$");

    @Test
    void everyProblemTypeHasOneRowWithItsStatus() throws IOException {
        List<String> rows = rows();

        assertThat(rows).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ProblemType.values()).map(t -> t.status() + " " + t.uri()).toList());
    }

    @Test
    void everyRowSaysWhenItHappens() throws IOException {
        for (String line : Files.readAllLines(ERRORS)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                assertThat(m.group(3).strip()).as(m.group(2)).hasSizeGreaterThan(10);
            }
        }
    }

    private static List<String> rows() throws IOException {
        return Files.readAllLines(ERRORS).stream().map(ROW::matcher).filter(Matcher::matches)
                .map(m -> m.group(1) + " " + m.group(2)).toList();
    }
}
