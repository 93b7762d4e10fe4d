package io.github.wolkvoxcamel;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages under {@code io.github.wolkvoxcamel} import each other without cycles, so each can be read, changed
 * and tested on top of the ones below it. The root package ({@link Application}, {@link WolkvoxSetup}) is the wiring:
 * it may import every package, and none imports it back.
 */
@AnalyzeClasses(packages = "io.github.wolkvoxcamel", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

    private static final String ROOT = "io.github.wolkvoxcamel";
    /** The root package among the packages below it. */
    private static final String WIRING = "(root)";
    private static final Path SOURCES = Path.of("src/main/java/io/github/wolkvoxcamel");
    /** A class of ours named in a source (an import, a static import, a qualified name): its package after the root. */
    private static final Pattern NAMED = Pattern.compile(Pattern.quote(ROOT) + "\\.((?:[a-z]\\w*\\.)*)[A-Z]");

    @ArchTest
    static final ArchRule PACKAGES_WITHOUT_CYCLES = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule NOTHING_IMPORTS_THE_WIRING = noClasses().that().resideOutsideOfPackage(ROOT)
            .should().dependOnClassesThat().resideInAPackage(ROOT);

    /**
     * The same two rules over the sources' imports: javac copies a constant ({@code static final String}) into the
     * class that reads it, so the rules above do not see a package that only reads another's constants.
     */
    @ArchTest
    static void sourcesImportWithoutCyclesNorTheWiring(JavaClasses ignored) throws IOException {
        Map<String, Set<String>> names = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String from = topPackage(SOURCES.relativize(file.getParent()).toString().replace('/', '.'));
                Set<String> named = names.computeIfAbsent(from, p -> new TreeSet<>());
                Matcher name = NAMED.matcher(Files.readString(file));
                while (name.find()) {
                    String to = topPackage(name.group(1));
                    if (!to.equals(from)) {
                        named.add(to);
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        names.forEach((from, named) -> {
            if (!from.equals(WIRING) && named.contains(WIRING)) {
                problems.add(ROOT + "." + from + " names the root package " + ROOT);
            }
        });
        names.keySet().stream().filter(from -> !from.equals(WIRING)).forEach(from -> {
            List<String> cycle = path(names, from, from, new ArrayList<>(List.of(from)), new TreeSet<>());
            if (cycle != null) {
                problems.add("cycle: " + String.join(" -> ", cycle));
            }
        });
        if (problems.isEmpty() && !names.containsKey("wolkvox")) {
            problems.add("no sources read under " + SOURCES.toAbsolutePath());
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("packages under " + ROOT + ", as their sources name each other:\n  "
                    + String.join("\n  ", problems) + "\n(package dependencies: " + names + ")");
        }
    }

    /** {@code wolkvox.} (a package after the root, as written) -> {@code wolkvox}; the root is {@link #WIRING}. */
    private static String topPackage(String relative) {
        return relative.isEmpty() ? WIRING : relative.split("\\.")[0];
    }

    /** A path of named packages from {@code at} back to {@code start}, outside the root package, or null. */
    private static List<String> path(Map<String, Set<String>> names, String start, String at, List<String> path,
                                     Set<String> seen) {
        for (String next : names.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                path.add(next);
                return path;
            }
            if (!next.equals(WIRING) && seen.add(next)) {
                path.add(next);
                if (path(names, start, next, path, seen) != null) {
                    return path;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }
}
