package io.sfc.config;

import io.sfc.core.model.HealthCheckSpec;
import io.sfc.health.CheckSettings;

/**
 * One configured health check of a service.
 *
 * @param type which kind of check
 * @param spec interval, timeout, threshold and grace period
 * @param settings the type's own settings; {@code io.sfc.health.HealthChecks.of} builds the check
 */
public record HealthConfig(HealthType type, HealthCheckSpec spec, CheckSettings settings) {}
