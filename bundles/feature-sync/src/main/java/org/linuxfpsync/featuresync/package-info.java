/**
 * What the sync feature bundles of kernel objects share, so that a feature bundle is a translator
 * and a component: {@link org.linuxfpsync.featuresync.VrfSyncs} (the feature in every vrf the core
 * follows), {@link org.linuxfpsync.featuresync.ObjectSync} (one subscription per vrf whose every
 * dump is a replay in the core's shared windows), {@link org.linuxfpsync.featuresync.FamilyObjects}
 * (what an FPC family holds, swept and withdrawn; {@link org.linuxfpsync.featuresync.SyncedFamily} for a
 * feature's own store, {@link org.linuxfpsync.featuresync.ReplayMembership} for the replay window's
 * rules both follow), {@link org.linuxfpsync.featuresync.LinkKindObjects}
 * (one object per link of a kind), {@link org.linuxfpsync.featuresync.FdbEntries} (forwarding
 * database entries, one owner per table), and the bases of a feature's component
 * ({@link org.linuxfpsync.featuresync.FeatureComponent},
 * {@link org.linuxfpsync.featuresync.LinkKindFeature}). The uapi constants of each link kind live
 * with the netlink codec ({@code IflaVxlan}, {@code IflaBridge}...).
 */
@org.osgi.annotation.versioning.Version("0.4.0")
package org.linuxfpsync.featuresync;
