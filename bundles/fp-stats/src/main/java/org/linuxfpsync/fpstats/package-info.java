/**
 * The fast path statistics feature: per-interface counters as the fast path counts them, fetched
 * from the FPM over FPC, for the console ({@code show stats}) and JMX.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.linuxfpsync.fpstats;
