/**
 * The FPM's dump compared with the kernel's own view read by iproute2, shared by the integration
 * tests (KernelDifferentialIT and the feature tests) and the fault suite of the bench module
 * ({@code bench/faults}): one comparison, so that both prove the same thing.
 */
package org.linuxfpsync.comparison;
