package org.linuxfpsync.fpstats.internal;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.linuxfpsync.fpstats.FastPathStatisticsMXBean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Publishes the statistics in JMX through Karaf's MBean whiteboard. Registered as an MXBean
 * (open types), so any JMX client reads the counters without our classes.
 */
@Component(service = DynamicMBean.class, property = "jmx.objectname=org.linuxfpsync:type=FastPathStatistics")
public final class FastPathStatisticsMBean extends StandardMBean {

    @Activate
    public FastPathStatisticsMBean(@Reference FastPathStatisticsMXBean statistics) throws NotCompliantMBeanException {
        super(statistics, FastPathStatisticsMXBean.class, true);
    }
}
