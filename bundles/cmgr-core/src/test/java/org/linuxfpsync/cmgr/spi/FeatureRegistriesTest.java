package org.linuxfpsync.cmgr.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A sync feature is registered in a few places outside its bundle, and each place is read by
 * something else: the row of {@link FeatureCatalog} (the sync mask), the bundle's
 * {@code LinuxFpSync-SyncFeature} header (how the reconciler finds the bundle), the root pom's
 * module (the build), features/pom.xml's dependency (the reactor order of the features and the
 * assembly) and the Karaf feature in feature.xml with its line in {@code linux-fp-sync} (what the
 * distribution installs). A feature missing from one of them builds and fails at run time; this
 * test fails at build time instead, naming the place (docs/adding-a-feature.md).
 */
class FeatureRegistriesTest {
    private static final Path ROOT = Path.of("../..");
    private static final Pattern HEADER = Pattern.compile("<LinuxFpSync-SyncFeature>([^<]+)</LinuxFpSync-SyncFeature>");
    private static final Pattern OWNS = Pattern.compile("<LinuxFpSync-SyncFeature-Owns>([^<]+)</");
    private static final Pattern ARTIFACT = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");
    private static final Pattern MODULE = Pattern.compile("<module>bundles/([^<]+)</module>");
    private static final Pattern DEPENDENCY = Pattern.compile("<artifactId>(sync-[^<]+)</artifactId>");
    private static final Pattern KARAF_FEATURE = Pattern.compile(
            "<feature name=\"(linux-fp-sync[^\"]*)\"[^>]*>(.*?)\\n  </feature>", Pattern.DOTALL);
    private static final Pattern INCLUDED = Pattern.compile("<feature>([^<]+)</feature>");
    private static final Pattern START_FALSE = Pattern.compile(
            "<bundle start=\"false\">mvn:org\\.linuxfpsync/([^/]+)/");

    /** A bundle that declares a sync feature, as its pom says. */
    private record FeatureBundle(String artifact, Path dir, String pom) {
        boolean hasComponent() throws IOException {
            try (Stream<Path> files = Files.walk(dir.resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    if (Files.readString(f).contains("@Component(service = SyncFeature.class")) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    @Test
    void everyRowOfTheCatalogHasOneBundleAndNoBundleDeclaresAnUnknownRow() throws IOException {
        Map<String, FeatureBundle> bundles = featureBundles();

        assertThat(bundles.keySet()).as("the LinuxFpSync-SyncFeature headers of bundles/*/pom.xml")
                .containsExactlyInAnyOrderElementsOf(catalogNames());
    }

    @Test
    void everyFeatureBundleIsBuiltAndListedByTheFeaturesModule() throws IOException {
        List<String> artifacts = featureBundles().values().stream().map(FeatureBundle::artifact).toList();

        assertThat(all(MODULE, read("pom.xml"))).as("the root pom's modules").containsAll(artifacts);
        assertThat(all(DEPENDENCY, read("features/pom.xml"))).as("features/pom.xml's dependencies")
                .containsExactlyInAnyOrderElementsOf(artifacts);
    }

    @Test
    void everyFeatureBundleHasItsKarafFeatureWithItsParentAndTheDistributionInstallsIt() throws IOException {
        Map<String, String> karaf = karafFeatures();
        List<String> installed = all(INCLUDED, karaf.get("linux-fp-sync"));
        Map<String, FeatureBundle> bundles = featureBundles();
        for (Map.Entry<String, FeatureBundle> e : bundles.entrySet()) {
            String name = karafFeatureOf(e.getValue());
            String body = karaf.get(name);
            assertThat(body).as("feature.xml: the feature " + name + " of row " + e.getKey()).isNotNull();
            assertThat(all(START_FALSE, body)).as(name + ": its one bundle, started by the reconciler")
                    .containsExactly(e.getValue().artifact());
            List<String> expected = new ArrayList<>(List.of("linux-fp-sync-core", "linux-fp-sync-feature-sync"));
            FeatureCatalog.Row row = row(e.getKey());
            if (row.parent != null) {
                expected.add(karafFeatureOf(bundles.get(row.parent)));
            }
            assertThat(all(INCLUDED, body)).as(name + ": the core, the library and the row's parent")
                    .containsExactlyElementsOf(expected);
            assertThat(installed).as("feature.xml: linux-fp-sync installs " + name).contains(name);
        }
        assertThat(karaf.keySet().stream().filter(n -> n.startsWith("linux-fp-sync-sync-")))
                .as("feature.xml: no Karaf feature of a bundle that declares no row")
                .containsExactlyInAnyOrderElementsOf(bundles.values().stream().map(this::karafFeatureOf).toList());
    }

    @Test
    void aBundleThatSynchronizesSaysWhatItOwns() throws IOException {
        for (FeatureBundle b : featureBundles().values()) {
            boolean owns = OWNS.matcher(b.pom()).find();
            assertThat(owns).as(b.artifact() + "/pom.xml: a LinuxFpSync-SyncFeature-Owns header iff a SyncFeature "
                    + "component (its line in show modules)").isEqualTo(b.hasComponent());
        }
    }

    private String karafFeatureOf(FeatureBundle b) {
        return "linux-fp-sync-" + b.artifact();
    }

    private static List<String> catalogNames() {
        List<String> names = new ArrayList<>(FeatureCatalog.names());
        names.add(FeatureCatalog.IPSEC_HA.name);
        return names;
    }

    private static FeatureCatalog.Row row(String name) {
        return name.equals(FeatureCatalog.IPSEC_HA.name) ? FeatureCatalog.IPSEC_HA : FeatureCatalog.row(name);
    }

    /** The bundles of bundles/ whose pom declares a sync feature, by the feature's name. */
    private static Map<String, FeatureBundle> featureBundles() throws IOException {
        Map<String, FeatureBundle> byName = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(ROOT.resolve("bundles"))) {
            for (Path dir : dirs.sorted().toList()) {
                Path pom = dir.resolve("pom.xml");
                if (!Files.isRegularFile(pom)) {
                    continue;
                }
                String text = Files.readString(pom);
                Matcher header = HEADER.matcher(text);
                if (header.find()) {
                    Matcher artifact = ARTIFACT.matcher(text);
                    assertThat(artifact.find()).as(pom + ": artifactId").isTrue();
                    FeatureBundle previous = byName.put(header.group(1).trim(),
                            new FeatureBundle(artifact.group(1), dir, text));
                    assertThat(previous).as("two bundles declare " + header.group(1)).isNull();
                }
            }
        }
        return byName;
    }

    private static Map<String, String> karafFeatures() throws IOException {
        Map<String, String> features = new LinkedHashMap<>();
        Matcher m = KARAF_FEATURE.matcher(read("features/src/main/feature/feature.xml"));
        while (m.find()) {
            assertThat(features.put(m.group(1), m.group(2))).as("feature.xml: " + m.group(1) + " twice").isNull();
        }
        return features;
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

}
