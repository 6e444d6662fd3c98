package io.sfc.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks the {@code Authorization: Bearer <token>} header of write requests. */
final class BearerAuth {

  /** The outcome of a check. */
  enum Verdict {
    /** The request carries the configured token. */
    ALLOWED,
    /** No token is configured: writes are disabled. */
    DISABLED,
    /** The header is missing, malformed or carries another token. */
    DENIED
  }

  private static final String PREFIX = "Bearer ";
  private final byte[] token;

  /** {@code token} null or empty disables every write. */
  BearerAuth(String token) {
    this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  Verdict check(String authorizationHeader) {
    if (token == null) {
      return Verdict.DISABLED;
    }
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Verdict.DENIED;
    }
    byte[] given =
        authorizationHeader.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(token, given) ? Verdict.ALLOWED : Verdict.DENIED;
  }
}
