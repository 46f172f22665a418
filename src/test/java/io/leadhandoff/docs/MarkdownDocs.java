package io.leadhandoff.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/** README.md and the pages under docs/, read as a code host renders them. */
final class MarkdownDocs {

    static final Path README = Path.of("README.md");
    static final Path DOCS = Path.of("docs");

    private static final Parser PARSER = Parser.builder().build();

    private MarkdownDocs() {
    }

    /** README.md and every Markdown page under docs/. */
    static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(README));
        pages.addAll(docsPages());
        return pages;
    }

    static List<Path> docsPages() {
        try (Stream<Path> files = Files.walk(DOCS)) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Node parse(Path page) {
        try {
            return PARSER.parse(Files.readString(page));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Link and image destinations of a page, in order. */
    static List<String> links(Path page) {
        List<String> links = new ArrayList<>();
        parse(page).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                links.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                links.add(image.getDestination());
            }
        });
        return links;
    }

    /**
     * The anchors GitHub gives a page's headings: the heading's text lower-cased, punctuation other than
     * {@code -} and {@code _} dropped, spaces turned into {@code -}; a repeated one gets {@code -1}, {@code -2}, ...
     */
    static Set<String> anchors(Path page) {
        IdGenerator ids = IdGenerator.builder().build();
        Set<String> anchors = new LinkedHashSet<>();
        parse(page).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                anchors.add(ids.generateId(text(heading)));
            }
        });
        return anchors;
    }

    /** The shell code blocks under the level-2 heading {@code title}, in order. */
    static List<String> shellBlocks(Path page, String title) {
        List<String> blocks = new ArrayList<>();
        boolean[] inside = {false};
        parse(page).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                if (heading.getLevel() <= 2) {
                    inside[0] = heading.getLevel() == 2 && text(heading).equals(title);
                }
            }

            @Override
            public void visit(FencedCodeBlock block) {
                if (inside[0] && "shell".equals(block.getInfo())) {
                    blocks.add(block.getLiteral());
                }
            }
        });
        return blocks;
    }

    static String text(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code c) {
                text.append(c.getLiteral());
            }
        });
        return text.toString();
    }
}
