package io.leadhandoff.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every relative link and anchor in README.md and docs/ leads somewhere, and the README reaches every page. */
class DocsLinksTest {

    @Test
    void everyRelativeLinkLeadsToAFileOrFolderOfTheRepository() {
        List<String> dead = new ArrayList<>();
        for (Path page : MarkdownDocs.pages()) {
            for (String link : relative(page)) {
                Path target = target(page, link);
                if (!Files.exists(target)) {
                    dead.add(page + " -> " + link);
                }
            }
        }
        assertThat(dead).as("links to nothing").isEmpty();
    }

    @Test
    void everyAnchorNamesAHeadingOfItsPage() {
        List<String> dead = new ArrayList<>();
        for (Path page : MarkdownDocs.pages()) {
            for (String link : relative(page)) {
                int hash = link.indexOf('#');
                Path target = target(page, link);
                if (hash >= 0 && target.toString().endsWith(".md") && Files.exists(target)
                        && !MarkdownDocs.anchors(target).contains(link.substring(hash + 1))) {
                    dead.add(page + " -> " + link + " (anchors there: " + MarkdownDocs.anchors(target) + ")");
                }
            }
        }
        assertThat(dead).as("anchors that name no heading").isEmpty();
    }

    @Test
    void theReadmeLinksToEveryPageUnderDocs() {
        Set<Path> linked = relative(MarkdownDocs.README).stream().map(l -> target(MarkdownDocs.README, l)).collect(Collectors.toSet());
        assertThat(MarkdownDocs.docsPages()).as("pages under docs/").isNotEmpty().allSatisfy(p -> assertThat(linked).contains(p.normalize()));
    }

    @Test
    void anchorsFollowTheCodeHostsRules() {
        Path page = Path.of("docs", "operations", "reliability.md");

        assertThat(MarkdownDocs.anchors(page)).contains("reliability-deadlines-exactly-once-and-faults", "what-becomes-a-503");
    }

    private static List<String> relative(Path page) {
        return MarkdownDocs.links(page).stream().filter(l -> !l.matches("^[a-zA-Z][a-zA-Z+.-]*:.*")).toList();
    }

    private static Path target(Path page, String link) {
        int hash = link.indexOf('#');
        String path = hash >= 0 ? link.substring(0, hash) : link;
        if (path.isEmpty()) {
            return page.normalize();
        }
        Path dir = page.getParent() == null ? Path.of("") : page.getParent();
        return dir.resolve(path).normalize();
    }
}
