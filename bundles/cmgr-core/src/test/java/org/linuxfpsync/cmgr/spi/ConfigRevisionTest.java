package org.linuxfpsync.cmgr.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.AppliedConfiguration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The stale echo of CI (KernelDifferentialIT): fileinstall re-read etc/org.linuxfpsync.cmgr.cfg behind a
 * newer update and updated the configuration back to vrfs = 0; the cache manager followed it.
 */
class ConfigRevisionTest {
    private static final String PID = "org.linuxfpsync.cmgr";

    private record Written(String pid, long revision, Dictionary<String, Object> props) {
    }

    private final List<Written> written = new ArrayList<>();
    private final ConfigRevision owner = ConfigRevision.owner(PID, (pid, revision, newest) -> {
        written.add(new Written(pid, revision, newest));
        return true;
    });

    @Test
    void anOlderRevisionIsAStaleEchoRefusedAndTheNewestIsWrittenBack() {
        owner.start(props("vrfs", "0", "revision", "4"));
        assertThat(owner.admit(props("vrfs", "1:a, 2:b", "revision", "5", "component.name", "cm",
                "component.id", 7L, "felix.fileinstall.filename", "file:/etc/x.cfg"))).isTrue();

        assertThat(owner.admit(props("vrfs", "0", "revision", "4", "felix.fileinstall.filename", "file:/etc/x.cfg")))
                .isFalse();

        assertThat(owner.state()).isEqualTo(new AppliedConfiguration(PID, 5, 1, 0));
        assertThat(written).hasSize(1);
        assertThat(written.get(0).revision()).isEqualTo(5);
        // What Declarative Services adds stays out; the file's name stays, so fileinstall rewrites etc/ too.
        assertThat(written.get(0).props()).isEqualTo(new Hashtable<>(Map.of("vrfs", "1:a, 2:b", "revision", "5",
                "felix.fileinstall.filename", "file:/etc/x.cfg")));
    }

    @Test
    void aLateDeliveryOfAnUpdateTheStoreHasSupersededIsIgnoredWithoutAWarning() {
        ConfigRevision reconciler = ConfigRevision.owner(PID, (pid, revision, newest) -> false);
        reconciler.start(props("syncMask", "0x2", "revision", "2"));
        Dictionary<String, Object> console = new Hashtable<>(props("syncMask", "0x3", "revision", "3"));
        reconciler.wrote(3, console);

        assertThat(reconciler.admit(props("syncMask", "0x2", "revision", "2"))).isFalse();

        assertThat(reconciler.state()).isEqualTo(new AppliedConfiguration(PID, 3, 0, 0));
    }

    @Test
    void theEmptyFileOfATruncatedReadIsStaleOnceARevisionWasApplied() {
        owner.start(props("vrfs", "1:a", "revision", "3"));

        assertThat(owner.admit(props("felix.fileinstall.filename", "file:/etc/x.cfg"))).isFalse();

        assertThat(written).extracting(Written::revision).containsExactly(3L);
    }

    @Test
    void withoutRevisionsTheEmptyFileOfATruncatedReadIsStaleAllTheSame() {
        owner.start(props("vrfs", "0, 1:blue", "felix.fileinstall.filename", "file:/etc/x.cfg"));

        assertThat(owner.admit(props("felix.fileinstall.filename", "file:/etc/x.cfg", "service.pid", PID)))
                .isFalse();

        assertThat(owner.state()).isEqualTo(new AppliedConfiguration(PID, 0, 1, 0));
        assertThat(written).extracting(Written::props).containsExactly(new Hashtable<>(Map.of("vrfs", "0, 1:blue",
                "felix.fileinstall.filename", "file:/etc/x.cfg")));
    }

    @Test
    void emptyingAConfigurationUnderARaisedRevisionIsMeant() {
        owner.start(props("syncMask", "0x2", "revision", "4"));

        assertThat(owner.admit(props("revision", "5"))).isTrue();
        assertThat(written).isEmpty();
    }

    @Test
    void theSameOrANewerRevisionApplies() {
        owner.start(props("vrfs", "0", "revision", "2"));

        assertThat(owner.admit(props("vrfs", "1:a", "revision", "2"))).isTrue();
        assertThat(owner.admit(props("vrfs", "1:b", "revision", "9"))).isTrue();

        assertThat(owner.applied()).isEqualTo(9);
        assertThat(written).isEmpty();
    }

    @Test
    void filesWithoutARevisionApplyAsLongAsNoNumberedRevisionWasApplied() {
        owner.start(props("vrfs", "0"));

        assertThat(owner.admit(props("vrfs", "0, 1:blue"))).isTrue();
        assertThat(owner.admit(props("vrfs", "0"))).isTrue();
        assertThat(owner.state().staleDeliveries()).isZero();
    }

    @Test
    void aRevisionThatIsNotANumberIsRefusedAndCounted() {
        owner.start(props("vrfs", "0", "revision", "1"));

        assertThat(owner.admit(props("vrfs", "1:a", "revision", "two"))).isFalse();
        assertThat(owner.admit(props("vrfs", "1:a", "revision", "-3"))).isFalse();

        assertThat(owner.state()).isEqualTo(new AppliedConfiguration(PID, 1, 0, 2));
        assertThat(written).isEmpty();
    }

    @Test
    void anotherReaderIgnoresStaleDeliveriesWithoutWritingOrCounting() {
        ConfigRevision reader = ConfigRevision.reader(PID);
        reader.start(props("bpfAll", "true", "revision", "6"));

        assertThat(reader.admit(props("bpfAll", "false", "revision", "5"))).isFalse();
        assertThat(reader.admit(props("bpfAll", "false", "revision", "7"))).isTrue();
        assertThat(reader.state().staleDeliveries()).isZero();
    }

    @Test
    void aDeletedConfigurationAppliesAndItsRevisionsStartAgain() {
        owner.start(props("vrfs", "0, 1:blue", "revision", "9"));

        // Declarative Services' properties without the configuration: component.* only
        assertThat(owner.admit(Map.of("component.name", "cm", "component.id", 7L))).isTrue();

        assertThat(owner.applied()).isZero();
        assertThat(owner.admit(props("vrfs", "0", "revision", "1"))).isTrue();
        assertThat(written).isEmpty();
    }

    @Test
    void aReaderOfTwoConfigurationsTellsWhetherItsOwnIsThere() {
        ConfigRevision reader = ConfigRevision.reader(PID);
        reader.start(Map.of("service.pid", List.of(PID, "org.linuxfpsync.sync.bpf"), "bpfAll", "true", "revision", "6"));

        assertThat(reader.admit(Map.of("service.pid", List.of(PID, "org.linuxfpsync.sync.bpf"), "bpfAll", "false",
                "revision", "5"))).isFalse();
        // the sync configuration deleted, the feature's own still there
        assertThat(reader.admit(Map.of("service.pid", "org.linuxfpsync.sync.bpf", "pollPeriodMs", "500"))).isTrue();
        assertThat(reader.admit(props("bpfAll", "true", "revision", "1"))).isTrue();
    }

    @Test
    void aWriterNumbersAboveTheAppliedAndTheStoredRevisionAndBuildsOnTheNewest() {
        owner.start(props("syncMask", "0x2", "ipsecHa", "true", "revision", "8"));
        Dictionary<String, Object> staleInStore = new Hashtable<>(Map.of("syncMask", "0x1", "revision", "3"));

        assertThat(owner.next(staleInStore)).isEqualTo(9);
        assertThat(owner.next(new Hashtable<>(Map.of("revision", "12")))).isEqualTo(13);
        // The store holds a stale echo: the update builds on what was applied, not on it.
        assertThat(owner.base(staleInStore)).isEqualTo(new Hashtable<>(Map.of("syncMask", "0x2", "ipsecHa", "true",
                "revision", "8")));

        Dictionary<String, Object> update = owner.base(staleInStore);
        update.put("syncMask", "0x3");
        update.put("revision", "9");
        owner.wrote(9, update);
        assertThat(owner.admit(props("syncMask", "0x3", "ipsecHa", "true", "revision", "9"))).isTrue();
        assertThat(owner.admit(props("syncMask", "0x2", "ipsecHa", "true", "revision", "8"))).isFalse();
    }

    @Test
    void writingBackLeavesANewerStoredRevisionAlone() throws Exception {
        Dictionary<String, Object>[] stored = new Dictionary[] {new Hashtable<>(Map.of("vrfs", "0", "revision", "4"))};
        List<Dictionary<String, Object>> updates = new ArrayList<>();
        ConfigurationAdmin configAdmin = configurationAdmin(stored, updates);
        ConfigRevision.WriteBack writeBack = ConfigRevision.through(configAdmin);
        Dictionary<String, Object> newest = new Hashtable<>(Map.of("vrfs", "1:a", "revision", "5"));

        assertThat(writeBack.write(PID, 5, newest)).isTrue();
        assertThat(updates).containsExactly(newest);

        stored[0] = new Hashtable<>(Map.of("vrfs", "2:b", "revision", "6"));
        assertThat(writeBack.write(PID, 5, newest)).isFalse();
        assertThat(updates).hasSize(1);
    }

    /** What Declarative Services passes for a configuration of {@link #PID} holding these. */
    private static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> m = new Hashtable<>();
        m.put("service.pid", PID);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A ConfigurationAdmin holding one configuration, {@code stored[0]}, recording its updates. */
    @SuppressWarnings("unchecked")
    private static ConfigurationAdmin configurationAdmin(Dictionary<String, Object>[] stored,
                                                         List<Dictionary<String, Object>> updates) {
        Configuration c = (Configuration) Proxy.newProxyInstance(ConfigRevisionTest.class.getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperties" -> new Hashtable<>((Map<String, Object>) toMap(stored[0]));
                    case "updateIfDifferent" -> {
                        updates.add((Dictionary<String, Object>) args[0]);
                        stored[0] = (Dictionary<String, Object>) args[0];
                        yield true;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(ConfigRevisionTest.class.getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConfiguration") && PID.equals(args[0])) {
                        return c;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> d) {
        Hashtable<String, Object> m = new Hashtable<>();
        for (var keys = d.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            m.put(k, d.get(k));
        }
        return m;
    }
}
