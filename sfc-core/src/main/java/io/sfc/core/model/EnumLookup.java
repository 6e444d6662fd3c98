package io.sfc.core.model;

/** Tolerant lookup of stored enum names, for readers of what a newer sfc may have written. */
final class EnumLookup {
  private EnumLookup() {}

  /** The constant of {@code values} called {@code name}, else {@code unknown}. */
  static <E extends Enum<E>> E lookup(E[] values, String name, E unknown) {
    for (E e : values) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return unknown;
  }
}
