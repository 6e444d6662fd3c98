package io.sfc.health;

/** The configured settings of one health check; {@link HealthChecks#of} builds the check. */
public sealed interface CheckSettings
    permits ProcessCheck.Settings,
        HttpCheck.Settings,
        TcpCheck.Settings,
        CommandCheck.Settings,
        AirflowHeartbeatCheck.Settings {}
