package io.sfc.core.model;

import java.time.Duration;

/**
 * An operator's request to move a service from its current holder to another node, as stored in the
 * metastore. The holder at {@code epoch} stops its service and releases the lease; while the
 * request is fresh, only {@code to} may acquire the released lease.
 *
 * @param service the service to move
 * @param from the holder when the request was made
 * @param epoch the epoch of {@code from}'s lease; the request concerns that epoch only
 * @param to the node that should take over
 * @param requestedBy who asked (user, host or API client), for the event log
 * @param age how long ago the request was stored, on the metastore's clock; zero when writing
 */
public record Switchover(
    String service, String from, long epoch, String to, String requestedBy, Duration age) {}
