package io.sfc.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The newest stored copy of one state file of a service.
 *
 * @param service the service whose lease guards the file
 * @param name the file's name, as configured ({@code state_files})
 * @param bytes the file's content
 * @param epoch the lease epoch of the holder that wrote it
 * @param age time since it was written, on the metastore's clock
 */
public record StoredState(String service, String name, byte[] bytes, long epoch, Duration age) {

  public StoredState {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(name, "name");
    bytes = bytes.clone();
    Objects.requireNonNull(age, "age");
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The size of the content in bytes. */
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredState s
        && service.equals(s.service)
        && name.equals(s.name)
        && java.util.Arrays.equals(bytes, s.bytes)
        && epoch == s.epoch
        && age.equals(s.age);
  }

  @Override
  public int hashCode() {
    return Objects.hash(service, name, java.util.Arrays.hashCode(bytes), epoch, age);
  }

  @Override
  public String toString() {
    return "StoredState["
        + service
        + "/"
        + name
        + ", "
        + bytes.length
        + " bytes, epoch "
        + epoch
        + ", age "
        + age
        + "]";
  }
}
