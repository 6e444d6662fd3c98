package io.sfc.secret;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * Logback converter {@code %mask(...)}: the enclosed pattern's output (message and stack trace)
 * passed through {@link Secrets#mask}. Used by {@code logback.xml} as {@code %nopex …
 * %mask(%msg%n%ex)} (%nopex first: after a composite it is printed as text), so that no log line
 * shows a password or token.
 */
public final class MaskingConverter extends CompositeConverter<ILoggingEvent> {

  @Override
  protected String transform(ILoggingEvent event, String in) {
    return Secrets.mask(in);
  }
}
