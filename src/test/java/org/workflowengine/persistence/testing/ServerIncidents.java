package org.workflowengine.persistence.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the server's side of a 500 into a test's failure message: a 500 problem names an incident,
 * and the application logs the incident with its stack trace. With the embedded server the
 * application logs in the tests' JVM, so its records can be kept here.
 */
public final class ServerIncidents {

  private static final Pattern INCIDENT =
      Pattern.compile("incident [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final int KEPT = 50;

  private static final Deque<LogRecord> RECORDS = new ConcurrentLinkedDeque<>();

  /** Held: the log manager keeps loggers only weakly, and with them their handlers. */
  private static Logger application;

  private ServerIncidents() {}

  /** Keeps the application's SEVERE records from now on (idempotent). */
  public static synchronized void listen() {
    if (application != null) {
      return;
    }
    application = Logger.getLogger("org.workflowengine");
    application.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
              RECORDS.addLast(record);
              while (RECORDS.size() > KEPT) {
                RECORDS.pollFirst();
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
  }

  /** Each answer, followed by the log record of the incident it names when this JVM saw it. */
  public static String explain(Collection<String> answers) {
    StringBuilder text = new StringBuilder();
    for (String answer : answers) {
      text.append(answer).append('\n');
      Matcher incident = INCIDENT.matcher(answer);
      if (!incident.find()) {
        continue;
      }
      for (LogRecord record : RECORDS) {
        if (record.getMessage() != null && record.getMessage().contains(incident.group())) {
          text.append("  server: ").append(record.getMessage()).append('\n');
          if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append(trace);
          }
        }
      }
    }
    return text.toString();
  }
}
