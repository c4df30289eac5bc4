package org.linuxfpsync.featuresync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The {@link SyncFeature} of a feature bundle, over its {@link VrfSyncs}. A feature's DS component
 * extends it and only gives, in its {@code @Activate} constructor, the sync of one vrf; the
 * activation and deactivation here are its own (bnd's {@code -dsannotations-options: inherit} in
 * the feature's pom).
 *
 * <p>The feature's name and its line for {@code show modules} are read from its bundle's manifest
 * ({@link SyncFeature#BUNDLE_HEADER}, {@link #OWNS_HEADER}), which its pom writes once: the core's
 * reconciler finds the bundle by the same header, so the two cannot disagree.
 */
public abstract class FeatureComponent implements SyncFeature {
    /** Manifest header of a feature bundle: what the feature keeps in the FPM, one line. */
    public static final String OWNS_HEADER = "LinuxFpSync-SyncFeature-Owns";
    /**
     * Optional manifest header: the feature's other lines in {@code show modules}, separated by
     * {@code ;}, each a module name, a space and what it does ({@code xfrm-migrate ...}).
     */
    public static final String SUB_MODULES_HEADER = "LinuxFpSync-SyncFeature-Modules";

    private final String name;
    private final String owns;
    private final List<String> subModules;
    private final VrfSyncs syncs;

    /**
     * @param context the feature bundle's: its headers name the feature
     * @param starter the feature's sync of one vrf
     * @throws IllegalStateException when the bundle does not declare both headers
     */
    protected FeatureComponent(SyncCore core, BundleContext context, VrfSyncs.Starter starter) {
        this.name = header(context, BUNDLE_HEADER);
        this.owns = header(context, OWNS_HEADER);
        this.subModules = subModules(context.getBundle().getHeaders("").get(SUB_MODULES_HEADER));
        this.syncs = new VrfSyncs(name, core, starter, VrfSyncs.frameworkStopping(context));
    }

    private static String header(BundleContext context, String header) {
        String value = context.getBundle().getHeaders("").get(header);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("bundle " + context.getBundle().getSymbolicName() + " declares no "
                    + header + " header");
        }
        return value.trim();
    }

    private static List<String> subModules(String header) {
        List<String> modules = new ArrayList<>();
        if (header != null) {
            for (String m : header.split(";")) {
                if (!m.isBlank()) {
                    modules.add(m.trim());
                }
            }
        }
        return List.copyOf(modules);
    }

    /** Starts the feature in every vrf the core follows: each converges from a kernel dump. */
    @Activate
    public final void activate() {
        syncs.open();
    }

    /** Stops it everywhere: its objects leave the FPM, unless the cache manager stops. */
    @Deactivate
    public final void deactivate() {
        syncs.close();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String owns() {
        return owns;
    }

    @Override
    public final List<String> subModules() {
        return subModules;
    }

    @Override
    public final long syncedObjects() {
        return syncs.syncedObjects();
    }

    /** Kernel objects refused (well formed, but not describable to the FPM), by reason, over every vrf. */
    public final Map<String, Long> refused() {
        return syncs.refused();
    }

    /** Kernel messages that did not parse, over every vrf. */
    public final long malformed() {
        return syncs.malformed();
    }

    @Override
    public final long malformedMessages() {
        return malformed();
    }

    @Override
    public final Map<String, Long> refusedObjects() {
        return refused();
    }
}
