package org.linuxfpsync.cmgr.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "linux-fp-sync cache manager",
        description = "The namespaces (vrfs) the cache manager follows.")
@interface CacheManagerConfig {

    @AttributeDefinition(description = "Comma-separated namespaces to follow: '<vrfid>' for the cache manager's "
            + "own namespace, '<vrfid>:<netns>' for a namespace known to 'ip netns'. Example: '0, 1:blue'.")
    String vrfs() default "0";

    @AttributeDefinition(description = "Seconds between attempts to follow a namespace that could not be opened.")
    int retrySeconds() default 5;
}
