package io.sfc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every file under {@code config/bad/} must be rejected with a message that names the file, the key
 * path and the fix. The files double as documentation of what the loader refuses.
 */
class BadConfigTest {

  static final Path BAD = Path.of("src/test/resources/config/bad");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          unknown-key-suggestion.yaml                    | timings.lease_tll:                | did you mean lease_ttl?
          unknown-top-level-key.yaml                     | timing:                           | did you mean timings?
          missing-cluster.yaml                           | cluster:                          | missing; add a name shared by all controllers
          missing-services.yaml                          | services:                         | missing; add a list with one entry per service
          empty-file.yaml                                | empty-file.yaml:                  | the file is empty; a configuration needs at least cluster
          yaml-syntax-error.yaml                         | line 5, column 11                 | YAML syntax error: mapping values are not allowed here; check the indentation
          duration-bare-number.yaml                      | timings.lease_ttl:                | '10' has no unit, and a bare number is ambiguous; write a number with a unit: 500ms, 10s
          duration-bad-unit.yaml                         | services[0].restart.window:       | '5 minutes' is not a duration; write a number with a unit
          duration-zero.yaml                             | timings.renew_interval:           | '0s' must be a positive duration
          duration-negative.yaml                         | services[0].restart.backoff_initial: | '-1s' must be a positive duration
          duplicate-node-id.yaml                         | nodes[1].id:                      | duplicate node id 'master-1' (also used by nodes[0]); give every node a unique id
          duplicate-service-name.yaml                    | services[1].name:                 | duplicate service name 'scheduler' (also used by services[0]); give every service a unique name
          node-not-in-nodes.yaml                         | node:                             | 'master-3' is not one of the configured nodes (master-1, master-2); set node: to one of these ids
          metastore-unknown-type.yaml                    | metastore.type:                   | 'consul' is not a supported metastore type; use h2
          metastore-zookeeper-without-hosts.yaml         | metastore.hosts:                  | missing; give the ZooKeeper servers as host:port pairs
          metastore-zookeeper-bad-hosts.yaml             | metastore.hosts:                  | 'zk2' is not host:port
          metastore-zookeeper-bad-root.yaml              | metastore.root:                   | 'sfc' is not a ZooKeeper path; give an absolute path such as /sfc
          metastore-zookeeper-with-url.yaml              | metastore.url:                    | is not used with type zookeeper
          metastore-etcd-without-endpoints.yaml          | metastore.endpoints:              | missing; give the etcd client URLs
          metastore-etcd-endpoints-not-a-list.yaml       | metastore.endpoints:              | expected a list but found
          metastore-etcd-tls-endpoint.yaml               | metastore.endpoints:              | mixes http:// and https:// endpoints; use https:// for all of them
          metastore-etcd-tls-with-http.yaml              | metastore.tls:                    | is set but the endpoints use http://; write them as https://host:port
          metastore-etcd-with-hosts.yaml                 | metastore.hosts:                  | is not used with type etcd
          metastore-h2-without-path.yaml                 | metastore.path:                   | missing; give the database file for type h2
          metastore-jdbc-without-url.yaml                | metastore.url:                    | missing; give the JDBC URL of the database
          metastore-unsupported-url.yaml                 | metastore.url:                    | 'jdbc:oracle:...' is not a supported database URL; use a URL starting with jdbc:mariadb:
          metastore-undefined-variable.yaml              | metastore.password:               | environment variable SFC_DB_PASSWORD is not set; set it in the controller's environment, or give a default with ${SFC_DB_PASSWORD:-value}
          timings-unsafe.yaml                            | timings.renew_deadline:           | = 12s must be less than lease_ttl (10s), or a stalled holder could still run its service when another node acquires the lease; raise lease_ttl above 12s
          timings-unsafe-service-stop-timeout.yaml       | services[0].stop_timeout:         | for this service, renew_deadline (6s) + stop_timeout (5s) + safety_margin (1s) = 12s must be less than lease_ttl (10s)
          timings-unsafe-deadline-stop-timeout.yaml      | timings.renew_deadline:           | renew_deadline (6s) + deadline_stop_timeout (4s) + safety_margin (1s) = 11s must be less than lease_ttl (10s)
          timings-unsafe-service-deadline-stop-timeout.yaml | services[0].deadline_stop_timeout: | for this service, renew_deadline (6s) + deadline_stop_timeout (5s) + safety_margin (1s) = 12s must be less than lease_ttl (10s)
          timings-renew-interval-not-below-deadline.yaml | timings.renew_interval:           | use a renew_interval of at most a third of renew_deadline
          stop-signal-unknown.yaml                       | services[0].stop_signal:          | 'TERMINATE' is not a supported signal; use one of TERM, INT, QUIT, HUP, KILL, USR1, USR2
          command-plain-string.yaml                      | services[0].command:              | is a plain string, but command must be a list (it is run without a shell, so nothing splits it on spaces); use a list, e.g. command: [airflow, scheduler]
          command-empty.yaml                             | services[0].command:              | is empty; give the program and its arguments
          max-restarts-negative.yaml                     | services[0].restart.max_restarts: | '-1' must be a whole number of at least 0
          backoff-max-below-initial.yaml                 | services[0].restart.backoff_max:  | backoff_max (5s) is less than backoff_initial (10s); raise backoff_max to at least 10s
          nodes-not-a-list.yaml                          | nodes:                            | expected a list but found a map; write it as a list with one entry per master node
          duplicate-yaml-key.yaml                        | timings.lease_ttl:                | key appears twice in the same map; keep only one
          working-dir-relative.yaml                      | services[0].working_dir:          | 'airflow' is a relative path; use an absolute path
          cluster-name-too-long.yaml                     | cluster:                          | is 65 characters long; a cluster name may have at most 64 (one limit for every metastore backend
          node-id-too-long.yaml                          | nodes[0].id:                      | is 65 characters long; a node id may have at most 64
          service-name-too-long.yaml                     | services[0].name:                 | is 65 characters long; a service name may have at most 64
          cluster-bad-name.yaml                          | cluster:                          | 'airflow prod' is not a valid cluster name; use only letters, digits
          health-unknown-type.yaml                       | services[0].health[0].type:       | 'htp' is not a health check type; did you mean http? use one of process, http, tcp, command, airflow-heartbeat
          health-http-without-url.yaml                   | services[0].health[0].url:        | missing; give the URL to GET
          health-timeout-over-interval.yaml              | services[0].health[0].timeout:    | timeout (5s) is longer than interval (2s); use a timeout of at most the interval
          health-key-of-another-type.yaml                | services[0].health[0].url:        | unknown key; the keys allowed in services[0].health[0] are: type, name, interval, timeout, failure_threshold, start_grace, host, port
          health-threshold-zero.yaml                     | services[0].health[0].failure_threshold: | '0' must be a whole number of at least 1
          health-command-string.yaml                     | services[0].health[0].command:    | must be a non-empty list (it is run without a shell)
          health-airflow-unsupported-url.yaml            | services[0].health[0].url:        | 'jdbc:sqlite:...' is not supported for airflow-heartbeat; use jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:
          health-tcp-bad-port.yaml                       | services[0].health[0].port:       | '70000' is not a TCP port; use a whole number from 1 to 65535
          alerts-email-bad-address.yaml                  | alerts.email.to:                  | 'ops' is not an e-mail address; write it as name@example.org
          alerts-email-unknown-security.yaml             | alerts.email.security:            | 'ssl' is not a connection security; use none (plain, port 25), starttls (port 587) or tls (port 465)
          alerts-email-without-to.yaml                   | alerts.email.to:                  | missing; give the recipients
          alerts-webhook-bad-format.yaml                 | alerts.webhook.format:            | 'teams' is not a webhook format; use json (the full alert) or slack
          preset-unknown.yaml                            | services[0].preset:               | 'airflow-schedular' is not a preset; did you mean airflow-scheduler? use one of airflow-scheduler, celery-beat
          preset-key-without-preset.yaml                 | services[0].celery_app:           | is used only with preset: celery-beat; remove it or set that preset
          preset-celery-beat-without-app.yaml            | services[0].celery_app:           | missing; give the Celery application that celery -A takes
          alerts-unknown-hook.yaml                       | alerts.commands.on_crash:         | unknown key; the keys allowed in alerts.commands are: on_start, on_stop, on_role_change, on_failover, timeout
          api-bad-port.yaml                              | api.port:                         | '99999' is not a TCP port; use a whole number from 1 to 65535
          api-bind-not-an-address.yaml                   | api.bind:                         | 'localhost' is not an IP address; give the address to listen on, e.g. bind: 127.0.0.1
          api-token-too-short.yaml                       | api.token:                        | is too short (6 characters); use at least 16 random characters
          api-tls-without-keystore.yaml                  | api.tls.keystore:                 | missing; give the keystore file
          api-tls-bad-type.yaml                          | api.tls.type:                     | 'PEM' is not a keystore type; use PKCS12 or JKS
          api-tls-client-ca-missing.yaml                 | api.tls.client_ca:                | '/nonexistent/ca.pem' does not exist or is not a readable file; give a PEM file with the CA certificates
          api-tls-client-ca-not-pem.yaml                 | api.tls.client_ca:                | '/etc/hostname' is not a PEM certificate bundle (No certificate data found); give a PEM file
          api-tls-client-auth-bad.yaml                   | api.tls.client_auth:              | 'want' is not a client_auth mode; use required (no certificate, no connection) or optional
          api-tls-client-auth-without-ca.yaml            | api.tls.client_auth:              | is used only with client_ca; add client_ca: FILE
          api-client-ca-without-tls.yaml                 | api.client_ca:                    | unknown key
          api-limits-bad-size.yaml                       | api.limits.max_body_bytes:        | '10' must be a whole number of at least 256; give a size in bytes
          api-limits-bare-timeout.yaml                   | api.limits.header_timeout:        | '5' has no unit
          api-enabled-not-boolean.yaml                   | api.enabled:                      | 'sometimes' is not true or false
          api-node-port-bad.yaml                         | nodes[0].api_port:                | 'http' is not a TCP port
          ssh-bad-host-key-policy.yaml                   | ssh.host_key_policy:              | 'accept-all' is not a host key policy; use strict (unknown and changed keys are refused) or accept-new
          ssh-without-key-file.yaml                      | ssh.key_file:                     | missing; give the private key used to log in
          ssh-node-port-out-of-range.yaml                | nodes[0].ssh.port:                | '70000' is not a TCP port; use a whole number from 1 to 65535
          placement-remote-without-ssh.yaml              | services[0].placement:            | remote needs SSH settings for every node, but master-1, master-2 has none; add an ssh: block
          placement-unknown.yaml                         | services[0].placement:            | 'elsewhere' is not a valid placement; use local
          detached-without-liveness.yaml                 | services[0].pidfile:              | missing; mode: detached needs a way to tell whether the service runs: give pidfile
          detached-without-start-command.yaml            | services[0].start_command:        | missing; give the shell command that starts the service in the background
          detached-key-in-shim-mode.yaml                 | services[0].pidfile:              | is only used with mode: detached
          detached-pidfile-relative.yaml                 | services[0].pidfile:              | 'run/scheduler.pid' is a relative path; use an absolute path
          mode-unknown.yaml                              | services[0].mode:                 | 'nohup' is not a valid mode; use shim (under the watchdog) or detached
          fencing-unknown.yaml                           | services[0].fencing:              | 'always' is not a valid fencing; use off, best-effort or required
          fence-command-unknown-variable.yaml            | services[0].fence_command:        | '${bmc}' is not a fence variable; use ${node}, ${host}, ${service} or ${epoch}
          fencing-required-without-means.yaml            | services[0].fencing:              | required needs a way to fence every other node, but master-1, master-2 has no SSH settings
          state-files-relative-without-working-dir.yaml  | services[0].state_files[0]:       | 'celerybeat-schedule' is a relative path, and the service has no working_dir to resolve it against; use an absolute path or set working_dir
          state-interval-without-state-files.yaml        | services[0].state_interval:       | is set but state_files is not; add state_files: [FILE, ...] or remove state_interval
          state-files-listed-twice.yaml                  | services[0].state_files[1]:       | '/opt/beat/celerybeat-schedule' is listed twice; list every state file once
          state-files-not-a-list.yaml                    | services[0].state_files:          | expected a list but found
          state-interval-zero.yaml                       | services[0].state_interval:       | '0s' must be a positive duration
          state-files-remote.yaml                        | services[0].state_files:          | are read and written on the controller's machine, but this service runs on the node's host over SSH (placement: remote); remove state_files or use placement: local
          service-nodes-unknown.yaml                     | services[0].nodes[1]:             | 'master-3' is not one of the configured nodes (master-1, master-2); list only ids from nodes:
          service-nodes-empty.yaml                       | services[0].nodes:                | is empty; list the nodes that may run this service, e.g. nodes: [master-1, master-2], or remove nodes: to let every node run it
          service-nodes-listed-twice.yaml                | services[0].nodes[2]:             | 'master-1' is listed twice; list every node once
          service-nodes-only-non-candidates.yaml         | services[0].nodes:                | names only nodes with candidate: false (master-2), so no node could run this service
          node-candidate-not-boolean.yaml                | nodes[1].candidate:               | 'no' is not true or false; write candidate: true or candidate: false
          nodes-all-non-candidates.yaml                  | nodes:                            | every node has candidate: false, so no node could run a service
          """)
  void rejectsWithFileKeyAndFix(String file, String key, String fix) {
    Path path = BAD.resolve(file);

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(path, Map.of()));

    assertThat(e).as("%s must be rejected", file).isNotNull();
    assertThat(e.problems()).as("exactly one problem in %s", file).hasSize(1);
    assertThat(e.getMessage())
        .startsWith(path.toString() + ": ")
        .contains(key)
        .contains(fix)
        .doesNotContain("\n");
  }

  @Test
  void everyBadFileIsCoveredByTheTableAbove() throws Exception {
    String source = Files.readString(Path.of("src/test/java/io/sfc/config/BadConfigTest.java"));
    try (Stream<Path> files = Files.list(BAD)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names).hasSizeGreaterThanOrEqualTo(12);
      assertThat(names).allSatisfy(n -> assertThat(source).contains(n + " "));
    }
  }

  @Test
  void reportsSeveralProblemsAtOnceOneLineEach(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sfc.yaml");
    Files.writeString(
        file,
        """
        cluster: c
        nodes: [{id: a, host: h, port: 22}]
        metastore: {type: h2}
        timings: {lease_ttl: 10}
        services: [{name: s, command: run}, {name: t, command: [x, null]}]
        """);

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));

    assertThat(e.problems())
        .hasSize(5)
        .allSatisfy(line -> assertThat(line).startsWith(file + ": ").doesNotContain("\n"));
    assertThat(e.getMessage().lines())
        .anySatisfy(l -> assertThat(l).contains("nodes[0].port: unknown key"))
        .anySatisfy(l -> assertThat(l).contains("metastore.path: missing"))
        .anySatisfy(l -> assertThat(l).contains("timings.lease_ttl: '10' has no unit"))
        .anySatisfy(l -> assertThat(l).contains("services[0].command: 'run' is a plain string"))
        .anySatisfy(l -> assertThat(l).contains("services[1].command[1]: has no value"));
  }

  @Test
  void fileNotFound(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            missing + ": file not found; check the path, and that the file exists on this node");
  }

  @Test
  void directoryInsteadOfFile(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(dir, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(dir + ": is a directory");
  }

  @Test
  void notUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, new byte[] {'c', ':', ' ', (byte) 0xE9, '\n'});

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("save the file as UTF-8");
  }

  @Test
  void tabIndentationGetsAHint(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tabs.yaml");
    Files.writeString(file, "cluster: c\ntimings:\n\tlease_ttl: 10s\n");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("YAML syntax error")
        .hasMessageContaining(
            "YAML does not allow tabs for indentation (line 3 has one), use spaces");
  }

  @Test
  void topLevelMustBeAMap(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("list.yaml");
    Files.writeString(file, "- cluster: c\n");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("the file must be a map of keys (cluster, node, nodes")
        .hasMessageContaining("but holds a list");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{type: jdbc, url: 'jdbc:mariadb://db/sfc', password: {x: tiger}} | metastore.password",
        "{type: jdbc, url: 'jdbc:oracle:thin:scott/tiger@db', password: p} | metastore.url",
        "{type: jdbc, url: 'jdbc:mariadb://db/sfc', password: '${X', user: u} | metastore.password"
      })
  void neverShowsThePasswordInMessages(String metastore, String key, @TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("sfc.yaml");
    Files.writeString(
        file,
        "cluster: c\nnodes: [{id: a, host: h}]\nservices: [{name: s, command: [x]}]\n"
            + "metastore: "
            + metastore
            + "\n");

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));

    assertThat(e.getMessage()).contains(key).doesNotContain("tiger").doesNotContain("${X");
  }
}
