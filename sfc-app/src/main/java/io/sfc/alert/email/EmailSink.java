package io.sfc.alert.email;

import io.sfc.core.model.Alert;
import io.sfc.core.port.AlertSink;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Sends each alert as a plain-text mail over SMTP (Angus Mail), like the original controller's
 * {@code alert_to_email}: one mail to every address in {@code to}, subject {@code <prefix>
 * <summary>}.
 */
public final class EmailSink implements AlertSink {

  /** How the connection is secured. */
  public enum Security {
    /** Plain SMTP (port 25, or a local relay). */
    NONE,
    /** Plain connection upgraded with STARTTLS, which is then required (port 587). */
    STARTTLS,
    /** TLS from the first byte (port 465). */
    TLS
  }

  /**
   * @param host SMTP server
   * @param port SMTP port
   * @param security connection security
   * @param user user for SMTP AUTH, or null for none
   * @param password password for SMTP AUTH, or null; never shown by {@link #toString()}
   * @param from sender address
   * @param to recipients, at least one
   * @param subjectPrefix put before every subject, e.g. {@code [sfc]}
   * @param timeout connect, read and write timeout
   */
  public record Settings(
      String host,
      int port,
      Security security,
      String user,
      String password,
      String from,
      List<String> to,
      String subjectPrefix,
      Duration timeout) {

    public Settings {
      to = List.copyOf(to);
    }

    @Override
    public String toString() {
      return "EmailSink.Settings[" + host + ":" + port + " " + security + ", to=" + to + "]";
    }
  }

  private final Settings settings;
  private final Session session;

  public EmailSink(Settings settings) {
    this.settings = settings;
    this.session = Session.getInstance(properties(settings), authenticator(settings));
  }

  private static Properties properties(Settings s) {
    String proto = s.security() == Security.TLS ? "smtps" : "smtp";
    String timeout = Long.toString(s.timeout().toMillis());
    Properties p = new Properties();
    p.put("mail.transport.protocol", proto);
    p.put("mail." + proto + ".host", s.host());
    p.put("mail." + proto + ".port", Integer.toString(s.port()));
    p.put("mail." + proto + ".connectiontimeout", timeout);
    p.put("mail." + proto + ".timeout", timeout);
    p.put("mail." + proto + ".writetimeout", timeout);
    p.put("mail." + proto + ".auth", Boolean.toString(s.user() != null));
    if (s.security() == Security.STARTTLS) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (s.security() == Security.TLS) {
      p.put("mail.smtps.ssl.checkserveridentity", "true");
    }
    return p;
  }

  private static Authenticator authenticator(Settings s) {
    if (s.user() == null) {
      return null;
    }
    return new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(s.user(), s.password() == null ? "" : s.password());
      }
    };
  }

  @Override
  public String name() {
    return "email " + settings.host() + ":" + settings.port();
  }

  /** The subject line of an alert's mail. */
  public String subject(Alert a) {
    String prefix = settings.subjectPrefix();
    return (prefix == null || prefix.isEmpty() ? "" : prefix + " ")
        + "["
        + a.cluster()
        + "] "
        + a.summary();
  }

  /** The body of an alert's mail. */
  public static String body(Alert a) {
    return String.join(
        "\n",
        a.summary(),
        "",
        "kind:    " + a.kind(),
        "cluster: " + a.cluster(),
        "node:    " + a.node(),
        "service: " + a.service(),
        "epoch:   " + a.epoch(),
        "at:      " + a.at(),
        "message: " + a.message(),
        "");
  }

  @Override
  public void send(Alert alert) throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(settings.from()));
    for (String to : settings.to()) {
      m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
    }
    m.setSubject(subject(alert), "UTF-8");
    m.setText(body(alert), "UTF-8");
    Transport.send(m);
  }
}
