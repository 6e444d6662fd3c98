package io.sfc.admin;

import io.sfc.core.model.Event;
import java.time.Duration;

/**
 * What every history view ({@code sfc history}, {@code --json}, {@code /api/history}, the
 * dashboard) says of an event's two times: nothing when it was written at once and the clocks
 * agree, else when the metastore recorded it and, for an event written more than {@link Event#LATE}
 * after it happened (as during a metastore outage), that it was recorded late and by how much.
 */
public final class EventTimes {
  private EventTimes() {}

  /** The note on {@code e}'s times, or null when when it happened is all there is to say. */
  public static String note(Event e) {
    if (e.late()) {
      return "recorded late, "
          + MemberView.ago(Duration.ofMillis(e.delayMs()))
          + " after"
          + (e.at() == null ? "" : ", at " + e.at());
    }
    if (e.timesDiffer()) {
      return "recorded at " + e.at() + " by the metastore's clock";
    }
    return null;
  }

  /** {@code e}'s reason followed by its {@link #note} in brackets, as the text views print it. */
  public static String reasonWithNote(Event e) {
    String note = note(e);
    return note == null ? e.reason() : e.reason() + " [" + note + "]";
  }
}
