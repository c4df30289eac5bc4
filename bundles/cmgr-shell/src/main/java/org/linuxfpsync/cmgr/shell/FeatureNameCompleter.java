package org.linuxfpsync.cmgr.shell;


import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes the sync feature names of the manual's table. */
@Service
public class FeatureNameCompleter extends FixedWordsCompleter {
    public FeatureNameCompleter() {
        super(org.linuxfpsync.cmgr.spi.FeatureCatalog.names());
    }
}
