package io.sfc.core.port;

import java.io.IOException;

/**
 * A start failed because the host that would run the instance cannot be reached: no connection
 * within the connect timeout, connection refused, no route, or the host key or the login was
 * refused. No instance was started there, and the failure says nothing about the service itself, so
 * it is not a crash ({@link io.sfc.core.decide.Outcome.TargetUnreachable}).
 */
public final class TargetUnreachableException extends IOException {

  public TargetUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
