package io.leadhandoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No package cycles among the capability packages: a package may use another only if that one does not, directly or
 * through others, use it back. Read from the sources (imports and fully qualified names), so it needs no library.
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/leadhandoff");
    private static final Pattern REFERENCE = Pattern.compile("io\\.leadhandoff\\.([a-z]+)\\.");

    @Test
    void thePackagesFormNoCycle() {
        assertThat(cycles(dependencies())).as("package cycles (strongly connected packages)").isEmpty();
    }

    @Test
    void reportAndScoringAndLeadAndRoutingDependOneWay() {
        Map<String, Set<String>> uses = dependencies();
        assertThat(uses.get("scoring")).doesNotContain("report");
        assertThat(uses.get("routing")).doesNotContain("lead");
        assertThat(uses.get("common")).doesNotContain("security", "audit", "idempotency");
        assertThat(uses.get("security")).doesNotContain("audit");
    }

    @Test
    void theScanFindsACycleWhereThereIsOne() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(cycles(graph)).containsExactly(Set.of("a", "b", "c"));
    }

    /** Package → the other io.leadhandoff packages its classes name. */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> targets = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        targets.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(uses).as("the scan found the capability packages").containsKeys("lead", "report", "scoring", "routing");
        return uses;
    }

    /** Strongly connected components of more than one package (Tarjan). */
    private static Set<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        Set<Set<String>> found = new HashSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(start)) {
                connect(start, graph, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, Set<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
