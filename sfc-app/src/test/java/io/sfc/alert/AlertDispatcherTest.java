package io.sfc.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sfc.alert.email.EmailSink;
import io.sfc.alert.webhook.WebhookSink;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.port.AlertSink;
import io.sfc.daemon.Threads;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alerts through a real SMTP server (GreenMail) and a real HTTP receiver. */
class AlertDispatcherTest {
  static final Instant AT = Instant.parse("2026-11-28T04:00:00Z");

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  final AtomicLong nanos = new AtomicLong();
  ScheduledExecutorService executor;
  HttpReceiver http;

  @BeforeEach
  void setUp() throws Exception {
    executor = Executors.newSingleThreadScheduledExecutor(Threads.named("sfc-alerts-test"));
    http = new HttpReceiver();
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    http.close();
  }

  EmailSink email() {
    return new EmailSink(
        new EmailSink.Settings(
            "127.0.0.1",
            mail.getSmtp().getPort(),
            EmailSink.Security.NONE,
            null,
            null,
            "sfc@example.org",
            List.of("ops@example.org", "oncall@example.org"),
            "[sfc]",
            Duration.ofSeconds(5)));
  }

  WebhookSink webhook(boolean slack) {
    return new WebhookSink(new WebhookSink.Settings(http.uri(), slack, Duration.ofSeconds(5)));
  }

  AlertDispatcher dispatcher(AlertPolicy policy, AlertSink... sinks) {
    return new AlertDispatcher(
        "prod",
        Arrays.asList(sinks),
        policy,
        new AlertDispatcher.Delivery(100, 3, Duration.ofMillis(50), Duration.ofMillis(200)),
        executor,
        Clock.fixed(AT, ZoneOffset.UTC),
        nanos::get);
  }

  static Event ev(EventKind kind, String service, long epoch, String reason) {
    return Event.of("master-1", service, epoch, kind, reason);
  }

  @Test
  void aScriptedSequenceArrivesExactlyByMailAndWebhook() throws Exception {
    AlertDispatcher d = dispatcher(AlertPolicy.all(), email(), webhook(false));
    List.of(
            ev(EventKind.CONTROLLER_STARTED, "-", 0, "controller started"),
            ev(EventKind.ACQUIRED, "sched", 2, "acquired lease at epoch 2"),
            ev(EventKind.FAILOVER, "sched", 2, "took over from master-2 at epoch 2"),
            ev(EventKind.STARTED, "sched", 2, "service started, pid 42"),
            ev(EventKind.UNHEALTHY, "sched", 2, "health check http failed 3 times: HTTP 503"),
            ev(EventKind.CRASHED, "sched", 2, "service exited with status 1"),
            ev(EventKind.STEPPED_DOWN, "sched", 2, "service crashed 4 times in 5m; stepping down"),
            ev(EventKind.CONTROLLER_STOPPED, "-", 0, "controller stopped"))
        .forEach(d::onEvent);

    await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 14);
    await().atMost(Duration.ofSeconds(10)).until(() -> http.bodies().size() == 7);

    MimeMessage[] got = mails();
    assertThat(Arrays.stream(got).map(AlertDispatcherTest::subject))
        .containsExactly(
            "[sfc] [prod] CONTROLLER_STARTED on master-1: controller started",
            "[sfc] [prod] LEASE_ACQUIRED sched on master-1: acquired lease at epoch 2",
            "[sfc] [prod] FAILOVER sched on master-1: took over from master-2 at epoch 2",
            "[sfc] [prod] HEALTH_FAILED sched on master-1: health check http failed 3 times:"
                + " HTTP 503",
            "[sfc] [prod] RESTART sched on master-1: service exited with status 1",
            "[sfc] [prod] STEP_DOWN sched on master-1: service crashed 4 times in 5m; stepping"
                + " down",
            "[sfc] [prod] CONTROLLER_STOPPED on master-1: controller stopped");
    assertThat(GreenMailUtil.getBody(got[4]).replace("\r\n", "\n").stripTrailing())
        .isEqualTo(
            "RESTART sched on master-1: service exited with status 1\n\n"
                + "kind:    RESTART\ncluster: prod\nnode:    master-1\nservice: sched\n"
                + "epoch:   2\nat:      2026-11-28T04:00:00Z\n"
                + "message: service exited with status 1");
    assertThat(got[0].getFrom()[0].toString()).isEqualTo("sfc@example.org");
    assertThat(http.bodies().get(4))
        .isEqualTo(
            "{\"kind\":\"RESTART\",\"cluster\":\"prod\",\"node\":\"master-1\",\"service\":"
                + "\"sched\",\"epoch\":2,\"message\":\"service exited with status 1\",\"at\":"
                + "\"2026-11-28T04:00:00Z\",\"summary\":\"RESTART sched on master-1: service exited"
                + " with status 1\"}");
    assertThat(d.failed()).isZero();
    assertThat(d.dropped()).isZero();
  }

  /** One message per mail sent (GreenMail keeps one copy per recipient), in arrival order. */
  static MimeMessage[] mails() {
    java.util.Map<String, MimeMessage> byId = new java.util.LinkedHashMap<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      try {
        byId.putIfAbsent(m.getMessageID(), m);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return byId.values().toArray(new MimeMessage[0]);
  }

  static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void mailWithSmtpAuth() throws Exception {
    mail.setUser("sfc@example.org", "sfc", "s3cret");
    EmailSink authed =
        new EmailSink(
            new EmailSink.Settings(
                "127.0.0.1",
                mail.getSmtp().getPort(),
                EmailSink.Security.NONE,
                "sfc",
                "s3cret",
                "sfc@example.org",
                List.of("ops@example.org"),
                "",
                Duration.ofSeconds(5)));
    AlertDispatcher d = dispatcher(AlertPolicy.all(), authed);
    d.onEvent(ev(EventKind.LOST, "sched", 4, "lease taken by master-2 at epoch 5; stopping"));
    await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 1);
    assertThat(mail.getReceivedMessages()[0].getSubject())
        .isEqualTo(
            "[prod] LEASE_LOST sched on master-1: lease taken by master-2 at epoch 5; stopping");
  }

  @Test
  void wrongSmtpPasswordFailsAndIsCounted() throws Exception {
    mail.setUser("sfc@example.org", "sfc", "s3cret");
    EmailSink wrong =
        new EmailSink(
            new EmailSink.Settings(
                "127.0.0.1",
                mail.getSmtp().getPort(),
                EmailSink.Security.NONE,
                "sfc",
                "wrong",
                "sfc@example.org",
                List.of("ops@example.org"),
                "",
                Duration.ofSeconds(5)));
    AlertDispatcher d = dispatcher(AlertPolicy.all(), wrong);
    assertThat(d.sendNow(ev2())).containsKey(wrong.name());
    assertThat(d.sendNow(ev2()).get(wrong.name())).isNotNull();
  }

  static io.sfc.core.model.Alert ev2() {
    return new io.sfc.core.model.Alert(
        io.sfc.core.model.AlertKind.TEST, "prod", "master-1", "-", 0, "test", AT);
  }

  @Test
  void slackFormatSendsOnlyText() {
    AlertDispatcher d = dispatcher(AlertPolicy.all(), webhook(true));
    d.onEvent(ev(EventKind.CRASHED, "sched", 3, "service exited with status 1"));
    await().atMost(Duration.ofSeconds(10)).until(() -> http.bodies().size() == 1);
    assertThat(http.bodies())
        .containsExactly(
            "{\"text\":\"[prod] RESTART sched on master-1: service exited with status 1\"}");
  }

  @Test
  void aFailedDeliveryIsRetriedWithBackoff() {
    AlertDispatcher d = dispatcher(AlertPolicy.all(), webhook(true));
    http.failNext(2);
    d.onEvent(ev(EventKind.CRASHED, "sched", 3, "boom"));
    await().atMost(Duration.ofSeconds(10)).until(() -> http.bodies().size() == 1);
    assertThat(d.delivered()).isEqualTo(1);
    assertThat(d.failed()).isZero();
  }

  @Test
  void aDeliveryThatKeepsFailingIsCountedNotLost() {
    AlertDispatcher d = dispatcher(AlertPolicy.all(), webhook(true));
    http.failNext(100);
    d.onEvent(ev(EventKind.CRASHED, "sched", 3, "boom"));
    await().atMost(Duration.ofSeconds(10)).until(() -> d.failed() == 1);
    assertThat(http.bodies()).isEmpty();
  }

  @Test
  void aCrashLoopOf100CrashesSendsAtMostTheConfiguredNumberOfMails() throws Exception {
    var settings =
        new RateLimitPolicy.Settings(3, Duration.ofMinutes(10), Duration.ofMinutes(5), 0);
    AlertDispatcher d = dispatcher(new RateLimitPolicy(settings), email(), webhook(false));
    for (int i = 0; i < 100; i++) {
      nanos.addAndGet(Duration.ofSeconds(2).toNanos());
      d.onEvent(ev(EventKind.CRASHED, "sched", 1, "service exited with status " + (i % 7)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> d.delivered() == 6);
    assertThat(d.suppressed()).isEqualTo(97);
    assertThat(d.backlog()).isZero();
    assertThat(mails()).hasSize(3);
    assertThat(mail.getReceivedMessages()).hasSize(6);
    assertThat(http.bodies()).hasSize(3);

    nanos.addAndGet(Duration.ofMinutes(10).toNanos());
    d.onEvent(ev(EventKind.STEPPED_DOWN, "sched", 1, "stepping down"));
    await().atMost(Duration.ofSeconds(10)).until(() -> d.delivered() == 8);
    assertThat(http.bodies().get(3)).contains("stepping down (97 more alerts suppressed)");
  }

  @Test
  void identicalAlertsAreDeduplicatedAndRestartsWaitForTheRetryCount() {
    var settings =
        new RateLimitPolicy.Settings(100, Duration.ofMinutes(10), Duration.ofMinutes(5), 2);
    AlertDispatcher d = dispatcher(new RateLimitPolicy(settings), webhook(true));
    for (int i = 0; i < 100; i++) {
      nanos.addAndGet(Duration.ofSeconds(1).toNanos());
      d.onEvent(ev(EventKind.CRASHED, "sched", 1, "service exited with status 1"));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> d.delivered() == 1);
    assertThat(d.suppressed()).isEqualTo(99);
    assertThat(http.bodies())
        .containsExactly(
            "{\"text\":\"[prod] RESTART sched on master-1: service exited with status 1\"}");
  }

  @Test
  void aFullQueueDropsTheOldestAndCountsIt() {
    ScheduledExecutorService paused = Executors.newSingleThreadScheduledExecutor();
    paused.submit(() -> sleepUninterruptibly());
    AlertDispatcher d =
        new AlertDispatcher(
            "prod",
            List.of(webhook(true)),
            AlertPolicy.all(),
            new AlertDispatcher.Delivery(10, 1, Duration.ofMillis(10), Duration.ofMillis(10)),
            paused,
            Clock.systemUTC(),
            nanos::get);
    for (int i = 0; i < 25; i++) {
      d.onEvent(ev(EventKind.CRASHED, "sched", 1, "crash " + i));
    }
    assertThat(d.dropped()).isEqualTo(15);
    assertThat(d.backlog()).isEqualTo(10);
    paused.shutdownNow();
  }

  private static Object sleepUninterruptibly() {
    try {
      new java.util.concurrent.CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }
}
