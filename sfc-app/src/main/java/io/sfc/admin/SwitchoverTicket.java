package io.sfc.admin;

/**
 * A stored switchover request, returned to the caller so that it can wait for the handoff.
 *
 * @param service the service being moved
 * @param from the holder when the request was made
 * @param epoch the holder's epoch
 * @param to the chosen target
 * @param requestedAtNanos {@link System#nanoTime()} when the request was made, for the measurement
 */
public record SwitchoverTicket(
    String service, String from, long epoch, String to, long requestedAtNanos) {}
