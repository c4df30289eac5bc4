package org.linuxfpsync.cmgr.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * {@code show conf}: every setting of every linux-fp-sync component, its effective value, and
 * where it came from: {@code default}, the source recorded with it ({@code /etc/cmgr.env},
 * {@code environment}, {@code console}, written by cmgr.sh or the console as {@code <key>.source}),
 * or the {@code etc/<pid>.cfg} file it was read from. Then the kernel settings the running sync
 * features read ({@link SyncFeature#kernelSettings}), source {@code kernel}: what they mean for the
 * fast path is the value's text.
 */
final class ShowConf implements ShowSubject {
    private static final String OUR_BUNDLES = "org.linuxfpsync.";

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final MetaTypeService metaType;

    ShowConf(BundleContext context, ConfigurationAdmin configAdmin, MetaTypeService metaType) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.metaType = metaType;
    }

    /** One setting. */
    record Setting(String pid, String key, String value, String source) {
    }

    @Override
    public String name() {
        return "conf";
    }

    @Override
    public String help() {
        return "show conf variables";
    }

    List<Setting> settings() throws IOException {
        Map<String, ObjectClassDefinition> byPid = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() == null || !b.getSymbolicName().startsWith(OUR_BUNDLES)) {
                continue;
            }
            MetaTypeInformation info = metaType.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                byPid.put(pid, info.getObjectClassDefinition(pid, null));
            }
        }
        List<Setting> settings = new ArrayList<>();
        for (Map.Entry<String, ObjectClassDefinition> e : byPid.entrySet()) {
            Dictionary<String, Object> props = properties(e.getKey());
            for (AttributeDefinition ad : e.getValue().getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                Object value = props == null ? null : props.get(ad.getID());
                String source;
                String text;
                if (value == null) {
                    String[] defaults = ad.getDefaultValue();
                    text = defaults == null ? "" : String.join(",", defaults);
                    source = "default";
                } else {
                    text = value instanceof String[] ? String.join(",", (String[]) value) : value.toString();
                    Object recorded = props.get(ad.getID() + ".source");
                    Object file = props.get("felix.fileinstall.filename");
                    source = recorded != null ? recorded.toString()
                            : file != null ? file.toString().replaceFirst("^file:", "") : "configuration";
                }
                settings.add(new Setting(e.getKey(), ad.getID(), text, source));
            }
        }
        settings.addAll(kernelSettings());
        return settings;
    }

    /** The kernel settings of each running feature, as settings of the pseudo-pid {@code kernel:<feature>}. */
    private List<Setting> kernelSettings() {
        Map<String, Map<String, String>> byFeature = new TreeMap<>();
        try {
            for (ServiceReference<SyncFeature> r : context.getServiceReferences(SyncFeature.class, null)) {
                SyncFeature f = context.getService(r);
                if (f == null) {
                    continue;
                }
                try {
                    Map<String, String> read = f.kernelSettings();
                    if (!read.isEmpty()) {
                        byFeature.put(f.name(), new TreeMap<>(read));
                    }
                } finally {
                    context.ungetService(r);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Setting> settings = new ArrayList<>();
        byFeature.forEach((feature, read) -> read.forEach((key, value) ->
                settings.add(new Setting("kernel:" + feature, key, value, "kernel"))));
        return settings;
    }

    private Dictionary<String, Object> properties(String pid) throws IOException {
        Configuration[] found;
        try {
            found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return found == null || found.length == 0 ? null : found[0].getProperties();
    }

    @Override
    public void printText(PrintStream out) {
        String pid = null;
        try {
            for (Setting s : settings()) {
                if (!s.pid().equals(pid)) {
                    pid = s.pid();
                    out.println(pid);
                }
                out.printf("    %-24s %-32s (%s)%n", s.key(), s.value(), s.source());
            }
        } catch (IOException e) {
            throw new IllegalStateException("show conf: configuration unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public Object json() {
        Map<String, Object> root = new LinkedHashMap<>();
        try {
            for (Setting s : settings()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> pid = (Map<String, Object>) root.computeIfAbsent(s.pid(), k -> new LinkedHashMap<>());
                pid.put(s.key(), Map.of("value", s.value(), "source", s.source()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("show conf: configuration unreadable: " + e.getMessage(), e);
        }
        return root;
    }
}
