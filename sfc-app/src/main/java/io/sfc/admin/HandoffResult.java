package io.sfc.admin;

import java.time.Duration;

/**
 * How a switchover ended, as observed by the caller.
 *
 * @param ticket the request
 * @param completed true when the service ran on the target under a newer epoch, and went on running
 *     (the same instance) for its start grace, in time
 * @param holder the holder at the end of the wait (may differ from the target if it failed)
 * @param epoch the epoch at the end of the wait
 * @param elapsed from the request to the target reporting the service running (or to the end of the
 *     wait when it never did)
 * @param leaseHandoff from the request to the first poll that found the target holding a newer
 *     epoch; null when that was never seen
 * @param serviceGap from the old instance's end to the new one's start, by the metastore times of
 *     the old holder's {@code STOPPED} and the target's {@code STARTED} events; null when either
 *     was not found
 * @param failure why the target's instance did not count (it stopped or was replaced within its
 *     start grace); null otherwise
 */
public record HandoffResult(
    SwitchoverTicket ticket,
    boolean completed,
    String holder,
    long epoch,
    Duration elapsed,
    Duration leaseHandoff,
    Duration serviceGap,
    String failure) {}
