package io.sfc.config;

import io.sfc.core.model.HealthCheckSpec;
import io.sfc.core.port.HealthCheck;
import java.util.function.Supplier;

/**
 * One configured health check of a service: its schedule and how to build it.
 *
 * @param type {@code process}, {@code http}, {@code tcp}, {@code command} or {@code
 *     airflow-heartbeat}
 * @param spec interval, timeout, threshold and grace period
 * @param factory builds the check (cheap, no I/O)
 */
public record HealthConfig(String type, HealthCheckSpec spec, Supplier<HealthCheck> factory) {}
