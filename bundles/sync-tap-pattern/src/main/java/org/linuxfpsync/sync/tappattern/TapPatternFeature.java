package org.linuxfpsync.sync.tappattern;

import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tap pattern only: a feature service and nothing more. The bpf feature follows this service
 * ({@code linuxfpsync.feature=tap-pattern}) and sends its taps without their program while it is
 * registered, so that starting and stopping this bundle, as the sync mask does, switches the mode
 * live, and {@code show sync-features} shows its state as every other row's.
 */
@Component(service = SyncFeature.class, immediate = true, property = "linuxfpsync.feature=tap-pattern")
public final class TapPatternFeature implements SyncFeature {
    private static final Logger LOG = LoggerFactory.getLogger(TapPatternFeature.class);

    private final String name;
    private final String owns;

    @Activate
    public TapPatternFeature(BundleContext context) {
        this.name = header(context, BUNDLE_HEADER);
        this.owns = header(context, FeatureComponent.OWNS_HEADER);
        LOG.info("sync feature {} started: taps without their filter program", name);
    }

    private static String header(BundleContext context, String header) {
        String value = context.getBundle().getHeaders("").get(header);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("bundle " + context.getBundle().getSymbolicName() + " declares no "
                    + header + " header");
        }
        return value.trim();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String owns() {
        return owns;
    }

    /** It sends nothing itself: the taps are bpf's objects, counted there. */
    @Override
    public long syncedObjects() {
        return 0;
    }
}
