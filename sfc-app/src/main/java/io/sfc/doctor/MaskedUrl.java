package io.sfc.doctor;

import io.sfc.secret.Secrets;

/** A URL for display: its passwords masked by {@link Secrets#mask}, the one masking mechanism. */
final class MaskedUrl {

  private MaskedUrl() {}

  static String of(String url) {
    return Secrets.mask(url);
  }
}
