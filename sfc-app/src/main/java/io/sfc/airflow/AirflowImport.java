package io.sfc.airflow;

import io.sfc.core.model.Timings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the {@code [scheduler_failover]} section of an {@code airflow.cfg} (the Python "Airflow
 * Scheduler Failover Controller") and Airflow's database URL to an equivalent sfc YAML
 * configuration. Every generated value carries a comment naming where it came from; every setting
 * without a safe equivalent is explained in {@link Result#notes()} instead of dropped silently.
 */
public final class AirflowImport {
  static final String SECTION = "scheduler_failover";
  private static final String DEFAULT_START = "airflow scheduler";

  /** The planned stop timeout of the airflow-scheduler preset, written for a command of its own. */
  static final Duration PLANNED_STOP = Duration.ofSeconds(30);

  /** Every {@code [scheduler_failover]} key the conversion reads. */
  static final Set<String> KNOWN =
      Set.of(
          "scheduler_nodes_in_cluster",
          "metadata_service_type",
          "metadata_service_zookeeper_nodes",
          "poll_frequency",
          "airflow_scheduler_start_command",
          "airflow_scheduler_stop_command",
          "logging_level",
          "logging_dir",
          "logging_file_name",
          "logs_rotate_when",
          "logs_rotate_backup_count",
          "retry_count_before_alerting",
          "alert_to_email",
          "alert_email_subject");

  private final AirflowCfg cfg;
  private final Set<String> localNames;
  private final List<String> notes = new ArrayList<>();
  private final StringBuilder yaml = new StringBuilder();

  /** The generated configuration and the explanations. */
  public record Result(String yaml, List<String> notes) {}

  private AirflowImport(AirflowCfg cfg, Set<String> localNames) {
    this.cfg = cfg;
    this.localNames = localNames;
  }

  /**
   * Converts {@code cfg}.
   *
   * @param node this controller's node id, or null to pick the entry of {@code
   *     scheduler_nodes_in_cluster} that names this machine
   * @param localNames this machine's host names and addresses
   * @throws IllegalArgumentException when a required value is missing or unusable; the message
   *     names the setting and the fix
   */
  public static Result convert(AirflowCfg cfg, String node, Set<String> localNames) {
    AirflowImport i = new AirflowImport(cfg, localNames);
    i.header();
    i.nodes(node);
    i.metastore();
    i.timings();
    i.service();
    i.alerts();
    i.logging();
    i.unknown();
    return new Result(i.yaml.toString(), List.copyOf(i.notes));
  }

  private void header() {
    line("# sfc configuration converted from " + cfg.source() + " by sfc init --from-airflow-cfg.");
    line("# Each value names the airflow.cfg setting it came from; see docs/airflow.md.");
    line("cluster: airflow  # [scheduler_failover] has no cluster name; any stable name works");
  }

  private void nodes(String node) {
    String list = setting("scheduler_nodes_in_cluster").orElse("localhost");
    List<String> hosts =
        Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    String self =
        node != null ? node : hosts.stream().filter(localNames::contains).findFirst().orElse(null);
    if (self == null) {
      notes.add(
          "none of scheduler_nodes_in_cluster ("
              + list
              + ") names this machine; pass"
              + " --node with the entry that does");
    } else {
      line("node: " + q(self) + "  # this machine's entry in scheduler_nodes_in_cluster");
    }
    line("nodes:  # " + origin("scheduler_nodes_in_cluster", "default localhost"));
    for (String h : hosts) {
      line("  - {id: " + q(h) + ", host: " + q(h) + "}");
    }
    if (hosts.size() > 1) {
      notes.add(orderNote(list, hosts.get(0)));
    }
  }

  /** What becomes of the order of {@code scheduler_nodes_in_cluster}: no preferred node yet. */
  private static String orderNote(String list, String first) {
    return "scheduler_nodes_in_cluster = "
        + list
        + ": the original controller made its first entry ("
        + first
        + ") the default leader; sfc has no preferred node yet, so whichever listed node finds the"
        + " lease free first runs the scheduler; to keep it off a node, set candidate: false on"
        + " that node or nodes: [...] on the service (docs/configuration.md)";
  }

  private void metastore() {
    String type = setting("metadata_service_type").orElse("SQLMetadataService");
    if (type.equals("ZookeeperMetadataService")) {
      String zk = setting("metadata_service_zookeeper_nodes").orElse("localhost:2181");
      line("metastore:  # metadata_service_type = ZookeeperMetadataService");
      line("  type: zookeeper");
      line("  hosts: " + q(zk) + "  # " + origin("metadata_service_zookeeper_nodes", "default"));
      line("  root: /sfc");
      notes.add(
          "ZooKeeper: sfc keeps its lease as an ephemeral znode under /sfc, not the"
              + " original's persistent znodes, so session expiry is detected by ZooKeeper itself");
      return;
    }
    if (!type.equals("SQLMetadataService")) {
      throw new IllegalArgumentException(
          cfg.source()
              + ": [scheduler_failover]"
              + " metadata_service_type = "
              + type
              + ": unknown; use SQLMetadataService or"
              + " ZookeeperMetadataService");
    }
    sqlMetastore();
  }

  private void sqlMetastore() {
    String[] where = {"database", "sql_alchemy_conn"};
    Optional<String> url = cfg.get("database", "sql_alchemy_conn");
    if (url.isEmpty()) {
      where = new String[] {"core", "sql_alchemy_conn"};
      url = cfg.get("core", "sql_alchemy_conn");
    }
    String from =
        cfg.origin(where[0], where[1])
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        cfg.source()
                            + ": no sql_alchemy_conn in [database] or [core] (nor AIRFLOW__DATABASE__"
                            + "SQL_ALCHEMY_CONN): SQLMetadataService needs the Airflow database URL"));
    SqlAlchemyUrl db = parseUrl(url.get(), from);
    line("metastore:  # metadata_service_type = SQLMetadataService: the Airflow database,");
    line("  # " + from);
    line("  type: jdbc");
    line("  url: " + q(db.jdbcUrl()));
    line("  user: " + q(db.user() == null ? "" : db.user()));
    line(
        "  password: "
            + q(db.password() == null ? "" : db.password())
            + "  # or ${SOME_ENV_VAR} to keep it out of this file");
    db.notes().forEach(n -> notes.add("sql_alchemy_conn: " + n));
    if (cfg.fromCommand(where[0], where[1])) {
      notes.add(
          "sql_alchemy_conn: came from the command of "
              + from
              + "; the generated configuration contains its output, password included: put the"
              + " password in an environment variable and write ${VAR} instead");
    }
  }

  private SqlAlchemyUrl parseUrl(String url, String from) {
    try {
      return SqlAlchemyUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(from + ": " + e.getMessage(), e);
    }
  }

  private void timings() {
    setting("poll_frequency")
        .ifPresent(
            p ->
                notes.add(
                    "poll_frequency = "
                        + p
                        + ": not used."
                        + " The original compared heartbeats every poll; sfc holds a lease (renewed every 1s,"
                        + " taken over 10s after the holder is gone) and reacts to a service exit at once"));
  }

  private void service() {
    String start = setting("airflow_scheduler_start_command").orElse(DEFAULT_START);
    String foreground = foreground(start);
    line("services:");
    line("  - name: scheduler  # " + origin("airflow_scheduler_start_command", "default"));
    if (foreground.equals(DEFAULT_START)) {
      preset();
    } else {
      line("    command: [\"/bin/bash\", \"-c\", " + q(foreground) + "]");
      line("    stop_signal: TERM");
      stopTimeouts();
    }
    if (!foreground.equals(start)) {
      line("    # was: " + start.replace("\n", " "));
      notes.add(
          "airflow_scheduler_start_command: runs in the foreground under sfc's watchdog"
              + " (nohup and the trailing & were removed), so sfc sees it exit and can stop it");
    }
    setting("airflow_scheduler_stop_command")
        .ifPresent(
            s ->
                notes.add(
                    "airflow_scheduler_stop_command: not needed; sfc stops the scheduler's whole process"
                        + " group (TERM, then KILL after stop_timeout) and never kills by name"));
  }

  /**
   * The preset's stop timeouts, written out for a command of its own: a planned stop (switchover,
   * SIGTERM, restart) lets the scheduler finish its loop; a deadline stop stays within the lease.
   */
  private void stopTimeouts() {
    line(
        "    stop_timeout: "
            + Timings.fmt(PLANNED_STOP)
            + "  # planned stops (switchover, SIGTERM, restart): time to finish the loop");
    line(
        "    deadline_stop_timeout: "
            + Timings.fmt(Timings.DEFAULTS.deadlineStopTimeout())
            + "  # when this node cannot renew its lease: bound by lease_ttl");
  }

  /** The standard start command: the preset, and a health check this Airflow version has. */
  private void preset() {
    line(
        "    preset: airflow-scheduler  # airflow scheduler in the foreground, stopped with TERM"
            + " (planned stops: "
            + Timings.fmt(PLANNED_STOP)
            + " to finish its loop)");
    if (cfg.hasSection("database")) {
      line("    # health: the preset's check of the scheduler's health server on port 8974");
      return;
    }
    line("    health: [{type: process}]  # no [database] section: Airflow before 2.3,");
    line("    # whose scheduler has no health server for the preset's default check");
    notes.add(
        "health: this airflow.cfg looks older than Airflow 2.3 (no [database] section), so the"
            + " preset's health-server check was replaced by a process check; add an"
            + " airflow-heartbeat check to watch the job table (docs/configuration.md)");
  }

  /** The start command made to run in the foreground: no nohup, no trailing &, no ";;". */
  static String foreground(String command) {
    String c = command.strip().replace(";;", ";");
    c = c.replaceAll("(^|[;&|]\\s*)nohup\\s+", "$1");
    c = c.replaceAll("\\s*&\\s*$", "");
    return c.strip();
  }

  private void alerts() {
    Optional<String> to = setting("alert_to_email");
    if (to.isEmpty()) {
      return;
    }
    line(
        "alerts:  # alert_to_email, alert_email_subject, retry_count_before_alerting;"
            + " SMTP from Airflow's [smtp]");
    setting("retry_count_before_alerting")
        .ifPresent(n -> line("  retry_count_before_alerting: " + q(n)));
    Optional<String> backend = cfg.get("email", "email_backend").filter(b -> !isSmtpBackend(b));
    String indent = backend.isPresent() ? "  # " : "  ";
    backend.ifPresent(b -> line("  # email: not written: [email] email_backend = " + b));
    if (backend.isEmpty() && !smtpGiven()) {
      line("  # no [smtp] section: Airflow's defaults (localhost:25, starttls), see the notes");
    }
    email(indent, to.get());
    emailNotes(backend);
  }

  /** The e-mail sink, each line prefixed by {@code indent} (a comment when it cannot work). */
  private void email(String indent, String to) {
    line(indent + "email:");
    String in = indent + "  ";
    line(in + "host: " + q(smtp("smtp_host").orElse("localhost")));
    line(in + "port: " + q(smtp("smtp_port").orElse("25")));
    line(in + "security: " + smtpSecurity());
    Optional<String> user = smtp("smtp_user").filter(u -> !u.isBlank());
    user.ifPresent(u -> line(in + "user: " + q(u)));
    user.flatMap(u -> smtp("smtp_password")).ifPresent(p -> line(in + "password: " + q(p)));
    line(in + "from: " + q(sender()));
    line(in + "to: " + q(to));
    setting("alert_email_subject").ifPresent(sub -> line(in + "subject_prefix: " + q(sub)));
  }

  /** Airflow's sender: {@code [email] from_email} (Airflow 2.2+), else {@code [smtp]}'s. */
  private String sender() {
    return cfg.get("email", "from_email")
        .or(() -> smtp("smtp_mail_from"))
        .orElse("airflow@example.com");
  }

  /** The notes for every e-mail setting sfc does not reproduce as Airflow would. */
  private void emailNotes(Optional<String> backend) {
    if (backend.isPresent()) {
      notes.add(
          "[email] email_backend = "
              + backend.get()
              + ": sfc sends e-mail only over SMTP and cannot use this backend, so the e-mail"
              + " sink is written commented out and no alert e-mail is sent; give an SMTP server"
              + " that accepts the mail (alerts.email) or use alerts.webhook or alerts.commands");
    } else if (!smtpGiven()) {
      notes.add(
          "[smtp]: not in "
              + cfg.source()
              + ", so the e-mail sink uses Airflow's defaults, as Airflow would: host localhost,"
              + " port 25, starttls, from airflow@example.com; every alert fails unless a mail"
              + " server listens there: check it with sfc send-test-alert, or set alerts.email");
    }
    cfg.get("email", "email_conn_id")
        .ifPresent(
            c ->
                notes.add(
                    "[email] email_conn_id = "
                        + c
                        + ": sfc cannot read Airflow connections; the SMTP user and password come"
                        + " from [smtp] smtp_user and smtp_password only"));
    for (String k : List.of("subject_template", "html_content_template")) {
      cfg.get("email", k)
          .ifPresent(
              v ->
                  notes.add(
                      "[email] "
                          + k
                          + ": not used; sfc writes its own subject (subject_prefix, cluster, event,"
                          + " service, node) and a plain-text body"));
    }
    setting("alert_email_subject")
        .ifPresent(
            sub ->
                notes.add(
                    "alert_email_subject: becomes the subject prefix; sfc adds the cluster, the kind"
                        + " of event, the service and the node after it"));
  }

  /** Airflow's SMTP backend, the only one sfc reproduces. */
  static boolean isSmtpBackend(String backend) {
    String b = backend.strip();
    return b.isEmpty() || b.equals("airflow.utils.email.send_email_smtp");
  }

  /** True when an SMTP server is configured, in the file or in the environment. */
  private boolean smtpGiven() {
    return cfg.hasSection("smtp") || smtp("smtp_host").isPresent();
  }

  private Optional<String> smtp(String key) {
    return cfg.get("smtp", key);
  }

  private String smtpSecurity() {
    if (smtp("smtp_ssl").map(AirflowImport::isTrue).orElse(false)) {
      return "tls";
    }
    return smtp("smtp_starttls").map(AirflowImport::isTrue).orElse(true) ? "starttls" : "none";
  }

  private static boolean isTrue(String v) {
    return List.of("true", "1", "yes", "on").contains(v.strip().toLowerCase(java.util.Locale.ROOT));
  }

  private void logging() {
    setting("logging_level")
        .ifPresent(
            l ->
                notes.add(
                    "logging_level = "
                        + l
                        + ": set SFC_LOG_LEVEL="
                        + l
                        + " in the controller's environment"));
    for (String k :
        List.of(
            "logging_dir", "logging_file_name", "logs_rotate_when", "logs_rotate_backup_count")) {
      setting(k)
          .ifPresent(
              v ->
                  notes.add(
                      k
                          + " = "
                          + v
                          + ": sfc logs to stderr (journald under"
                          + " systemd rotates it); the scheduler's own output goes to sfc start --log-dir"));
    }
  }

  /** A note for every key of the section this conversion does not read. */
  private void unknown() {
    for (String k : cfg.keys(SECTION)) {
      if (!KNOWN.contains(k)) {
        notes.add(
            k
                + " (["
                + SECTION
                + "] in "
                + cfg.source()
                + "): not a setting of the original controller that sfc knows; ignored");
      }
    }
  }

  private Optional<String> setting(String key) {
    return cfg.get(SECTION, key);
  }

  private String origin(String key, String fallback) {
    return cfg.origin(SECTION, key).orElse(key + " not set: " + fallback);
  }

  private void line(String s) {
    yaml.append(s).append('\n');
  }

  /** A double-quoted YAML scalar; {@code $} doubled so sfc's ${VAR} substitution leaves it. */
  static String q(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '$' -> out.append("$$");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
