package org.linuxfpsync.fpstats.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "linux-fp-sync fast path statistics",
        description = "Per-interface counters fetched from the FPM.")
@interface FastPathStatsConfig {

    @AttributeDefinition(description = "Seconds between two requests to the FPM; 0: only on demand (show stats, JMX refresh).")
    int pollSeconds() default 5;
}
