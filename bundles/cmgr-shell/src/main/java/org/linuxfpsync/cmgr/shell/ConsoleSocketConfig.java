package org.linuxfpsync.cmgr.shell;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "linux-fp-sync console socket",
        description = "The local socket behind 'daemonctl cmgrd <command>'.")
@interface ConsoleSocketConfig {

    @AttributeDefinition(description = "Unix socket path; the manual puts instance N's console at /tmp/.cmgrd<N>.")
    String path() default "/tmp/.cmgrd";
}
