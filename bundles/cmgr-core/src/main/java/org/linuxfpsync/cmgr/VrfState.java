package org.linuxfpsync.cmgr;

/**
 * A namespace the cache manager is configured to follow, and how that goes.
 *
 * @param vrfid      the vrfid its objects carry
 * @param netns      the namespace name ({@code ip netns}), empty for the cache manager's own
 * @param synced     true once its initial dump has been applied
 * @param interfaces interfaces cached for it
 * @param lastError  why it is not followed (one line), or null
 */
public record VrfState(int vrfid, String netns, boolean synced, int interfaces, String lastError) {
}
