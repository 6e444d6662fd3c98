package io.sfc.secret;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pattern of the shipped {@code logback.xml}, rendered: masked, one line, no stray text. */
class LogPatternTest {
  @Test
  void shippedPatternMasksAndLeavesNoPatternTextInTheLine() throws Exception {
    PatternLayout layout = shippedLayout();
    LoggingEvent event =
        new LoggingEvent(
            "x",
            new LoggerContext().getLogger("io.sfc.Test"),
            Level.WARN,
            "token=abc",
            new IllegalStateException("password=s3cret"),
            null);
    event.setThreadName("main");

    String line = layout.doLayout(event);

    assertThat(line)
        .matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[main] Test - .*")
        .contains("token=***", "password=***")
        .doesNotContain("abc", "s3cret", "%");
    assertThat(line.lines().filter(l -> l.startsWith("\tat ")).count()).isPositive();
  }

  private static PatternLayout shippedLayout() throws Exception {
    String xml;
    try (InputStream in = LogPatternTest.class.getResourceAsStream("/logback.xml")) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher m = Pattern.compile("<pattern>(.*)</pattern>").matcher(xml);
    assertThat(m.find()).as("pattern in logback.xml").isTrue();
    LoggerContext context = new LoggerContext();
    Map<String, String> rules = new HashMap<>();
    rules.put("mask", MaskingConverter.class.getName());
    context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern(m.group(1));
    layout.start();
    return layout;
  }
}
