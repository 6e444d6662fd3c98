package io.sfc.admin;

import java.time.Duration;

/**
 * How a switchover ended, as observed by the caller.
 *
 * @param ticket the request
 * @param completed true when the service ran on the target under a newer epoch in time
 * @param holder the holder at the end of the wait (may differ from the target if it failed)
 * @param epoch the epoch at the end of the wait
 * @param elapsed from the request to the target reporting the service running (or to the timeout)
 */
public record HandoffResult(
    SwitchoverTicket ticket, boolean completed, String holder, long epoch, Duration elapsed) {}
