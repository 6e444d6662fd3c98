package io.sfc.cli;

import io.sfc.reader.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 30s}, {@code 500ms}, {@code 2m} like the configuration file does. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      Duration d = Durations.parse(value);
      if (d.isNegative() || d.isZero()) {
        throw new TypeConversionException("'" + value + "' must be positive");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
