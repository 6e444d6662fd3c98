package io.sfc.core.decide;

/**
 * Where the holder is with uploading its service's state files ({@code state_files}). Times are
 * monotonic-clock nanoseconds.
 *
 * @param owed an upload after a planned stop is owed: the lease is not released (nor the service
 *     restarted) before it was tried
 * @param inFlight an upload runs; no other starts until its outcome arrives, so that an older copy
 *     never lands after a newer one
 * @param lastUploadAt when the last upload started (or the instance started): the next periodic
 *     upload is due {@code state_interval} later
 * @param failing the last periodic upload failed (recorded once until one succeeds)
 */
public record StateSync(boolean owed, boolean inFlight, long lastUploadAt, boolean failing) {

  /** Nothing owed, nothing running. */
  public static final StateSync IDLE = new StateSync(false, false, 0, false);

  /** An upload after a planned stop is owed. */
  StateSync owe() {
    return new StateSync(true, inFlight, lastUploadAt, failing);
  }

  /** No upload is owed any more (the lease is gone). */
  StateSync forgive() {
    return new StateSync(false, inFlight, lastUploadAt, failing);
  }

  /** An upload started at {@code now}. */
  public StateSync uploading(long now) {
    return new StateSync(owed, true, now, failing);
  }

  /** A new instance runs since {@code now}: its first periodic upload is an interval later. */
  StateSync runningSince(long now) {
    return new StateSync(owed, inFlight, now, failing);
  }

  /** The upload ended; {@code afterStop} ends what was owed, {@code ok} says how it went. */
  StateSync uploaded(boolean afterStop, boolean ok) {
    return new StateSync(owed && !afterStop, false, lastUploadAt, !afterStop && !ok);
  }

  /** True when a periodic upload is due at {@code now} after {@code intervalNanos}. */
  boolean periodicDue(long now, long intervalNanos) {
    return !owed && !inFlight && now - lastUploadAt >= intervalNanos;
  }
}
