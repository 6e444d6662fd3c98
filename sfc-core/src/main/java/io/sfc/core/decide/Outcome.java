package io.sfc.core.decide;

import io.sfc.core.model.Directives;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;

/**
 * What came back from an action or a callback, as a value. {@link Transitions} interprets each one
 * purely; the controller only performs the call and hands the outcome over. Outcomes of the local
 * instance carry the instance's {@link LocalState.Instance#id()}, so that a late callback of an
 * earlier instance is recognised and ignored.
 */
public sealed interface Outcome {

  /** The metastore was read: the lease and the directives. */
  record Observed(LeaseRecord record, Directives directives) implements Outcome {}

  /**
   * The lease or the directives could not be read; {@code rejected} when the metastore refused sfc
   * (credentials, privileges, schema) rather than not answering.
   */
  record Unreachable(String why, boolean rejected) implements Outcome {
    /** The metastore did not answer. */
    public Unreachable(String why) {
      this(why, false);
    }
  }

  /**
   * The controller did not run for {@code gapNanos} (its process was stopped, starved of CPU or its
   * host paused): found from the monotonic time that passed beyond a wait's limit, not from
   * anything the metastore did.
   */
  record Stalled(long gapNanos) implements Outcome {}

  /**
   * The conditional write took the free lease; {@code sentAt} is the instant before it was sent.
   */
  record Acquired(Lease lease, long sentAt) implements Outcome {}

  /** The acquisition was not granted or failed (another node holds the lease, or no answer). */
  record AcquireFailed(String why) implements Outcome {}

  /** The renewal sent at {@code sentAt} was confirmed. */
  record Renewed(long sentAt) implements Outcome {}

  /** The metastore refused the renewal sent at {@code sentAt}: the lease is no longer held. */
  record RenewRefused(long sentAt) implements Outcome {}

  /** The renewal sent at {@code sentAt} got no answer; the outcome is unknown. */
  record RenewFailed(long sentAt, String why) implements Outcome {}

  /**
   * The decided end of the hold ({@code how} is one of RELEASE, HAND_OFF, STEP_DOWN, DROP or
   * SELF_FENCE), with the decision's reason; the metastore write, if any, was attempted.
   */
  record Released(LeaseAction how, String reason) implements Outcome {}

  /** The finished switchover request was removed from the metastore. */
  record SwitchoverCleared() implements Outcome {}

  /** Removing the finished switchover request failed; it is tried again next loop. */
  record ClearFailed(String why) implements Outcome {}

  /** Instance {@code instance} runs as {@code pid}. */
  record Started(long instance, long pid) implements Outcome {}

  /** Instance {@code instance} could not be started. */
  record StartFailed(long instance, String why) implements Outcome {}

  /**
   * Instance {@code instance} could not be started because its target host cannot be reached
   * (connection timed out, refused, no route, host key or login refused): not a crash.
   */
  record TargetUnreachable(long instance, String why) implements Outcome {}

  /**
   * The connection to instance {@code instance} on its remote host was lost: it may run until its
   * watchdog's deadline; its exit is reported once that has passed.
   */
  record ConnectionLost(long instance, String why) implements Outcome {}

  /**
   * Instance {@code instance} was not launched, {@code why}: the watchdog budget had run out when
   * it was due, or while the runner prepared it (fencing, connecting). Not a crash.
   */
  record NotLaunched(long instance, String why) implements Outcome {}

  /** Instance {@code instance} exited with {@code status}. */
  record Exited(long instance, int status) implements Outcome {}

  /** A health check gave up on instance {@code instance}. */
  record Unhealthy(long instance, String reason) implements Outcome {}

  /**
   * The state files were uploaded ({@code afterStop}: the upload owed after a planned stop); {@code
   * summary} names what was stored and what was absent.
   */
  record StateUploaded(boolean afterStop, String summary) implements Outcome {}

  /** Uploading the state files failed or was refused; {@code why} names the file and the cause. */
  record StateUploadFailed(boolean afterStop, String why) implements Outcome {}

  /** Before instance {@code instance} starts, the stored state files were written in place. */
  record StateRestored(long instance, String summary) implements Outcome {}

  /** Restoring the state files before instance {@code instance} failed; it starts anyway. */
  record StateRestoreFailed(long instance, String why) implements Outcome {}
}
