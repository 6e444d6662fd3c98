package io.sfc.admin;

import java.util.List;

/**
 * One read of the whole cluster, for {@code sfc status}, {@code GET /api/status} and the dashboard.
 *
 * @param cluster cluster name
 * @param metastore the metastore's description (no secrets)
 * @param services one entry per configured service, in configuration order
 */
public record ClusterView(String cluster, String metastore, List<ServiceView> services) {}
