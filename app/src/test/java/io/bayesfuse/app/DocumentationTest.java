package io.bayesfuse.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's documentation stands alone: the README is short, every link between its pages
 * resolves, nothing cites a file outside the repository, and every main package says what it is for.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    private static final Pattern MENTIONED_DOC = Pattern.compile("(?<![\\w/.])(docs/[\\w./-]+\\.md)");
    private static final List<String> OUTSIDE_FILES = List.of("ARCHITECTURE.md", "FINDINGS.md", "STYLE.md", "../shared");

    @Test
    void theReadmeIsWhatANewcomerNeedsFirst() {
        List<String> lines = lines(ROOT.resolve("README.md"));
        assertThat(lines).as("README.md lines").hasSizeLessThanOrEqualTo(160);
        assertThat(String.join("\n", lines)).contains("./bayesfuse demo", "./mvnw verify", "docs/architecture.md");
    }

    @Test
    void everyLinkAndMentionedPageResolves() {
        List<String> broken = new ArrayList<>();
        for (Path page : markdownPages()) {
            String text = String.join("\n", lines(page));
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (!target.contains("://") && !target.startsWith("mailto:")
                        && !Files.exists(page.getParent().resolve(target))) {
                    broken.add(ROOT.relativize(page) + " links to " + target);
                }
            }
            Matcher mention = MENTIONED_DOC.matcher(text);
            while (mention.find()) {
                if (!Files.exists(ROOT.resolve(mention.group(1)))) {
                    broken.add(ROOT.relativize(page) + " mentions " + mention.group(1));
                }
            }
        }
        assertThat(broken).as("links that do not resolve").isEmpty();
    }

    @Test
    void everyPageTheCodeMentionsExists() {
        List<String> broken = new ArrayList<>();
        for (Path file : projectFiles()) {
            if (file.toString().endsWith(".md")) {
                continue;
            }
            List<String> lines = latin1Lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher mention = MENTIONED_DOC.matcher(lines.get(i));
                while (mention.find()) {
                    if (!Files.exists(ROOT.resolve(mention.group(1)))) {
                        broken.add(ROOT.relativize(file) + ":" + (i + 1) + " mentions " + mention.group(1));
                    }
                }
            }
        }
        assertThat(broken).as("pages mentioned in code, build and deployment files that do not exist").isEmpty();
    }

    @Test
    void nothingCitesAFileOutsideTheRepository() {
        List<String> citations = new ArrayList<>();
        for (Path file : projectFiles()) {
            List<String> lines = latin1Lines(file);
            for (int i = 0; i < lines.size(); i++) {
                for (String outside : OUTSIDE_FILES) {
                    if (lines.get(i).contains(outside)) {
                        citations.add(ROOT.relativize(file) + ":" + (i + 1) + " cites " + outside);
                    }
                }
            }
        }
        assertThat(citations).as("citations of files that are not in the repository").isEmpty();
    }

    @Test
    void everyMainPackageHasAPackageInfo() {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(p -> p.toString().endsWith(".java") && isMainSource(p))
                    .map(Path::getParent)
                    .distinct()
                    .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
                    .forEach(dir -> missing.add(ROOT.relativize(dir).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(missing).as("main packages without package-info.java").isEmpty();
    }

    private static boolean isMainSource(Path file) {
        String path = ROOT.relativize(file).toString().replace('\\', '/');
        return path.contains("/src/main/java/") && !path.contains("/target/");
    }

    private static List<Path> markdownPages() {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /** The sources, docs, build files and deployment files the project ships (not build output, not this test). */
    private static List<Path> projectFiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String path = ROOT.relativize(p).toString().replace('\\', '/');
                        return !path.startsWith(".git/") && !path.contains("/target/") && !path.startsWith("target/")
                                && !path.contains("node_modules/") && !path.startsWith(".mvn/")
                                && !path.endsWith("DocumentationTest.java")
                                && path.matches(".*\\.(java|md|xml|yaml|yml|properties|sh|txt|avsc|html|js|json)$|.*/?[a-z-]+$");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any file's lines, whatever its encoding (the search is for ASCII names). */
    private static List<String> latin1Lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
