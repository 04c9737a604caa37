package org.workflowengine.persistence.stream;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.workflowengine.persistence.database.DatabaseSettings;
import org.workflowengine.persistence.store.event.ExecutionEvent;

/**
 * On PostgreSQL, the changes of every instance reach the streams of every other one through the
 * database they share: each committed change is announced by {@code NOTIFY} on channel {@value
 * #CHANNEL}, and each instance whose hub has subscribers {@code LISTEN}s on it. No other broker.
 *
 * <p>A notification's payload is {@code <instance> <kind> <position> <run id>}: the announcing
 * instance (an instance ignores its own), the {@link ExecutionEvent.Kind}, the run's chain position
 * after the change (0 if not known) and the run; the listening hub reads the rest from the store.
 *
 * <p>Announcing never slows a write: the store's thread only queues the payload (up to {@value
 * #OUTBOX} waiting; beyond that they are dropped, and the other instances find the change at their
 * next heartbeat); one thread sends what is queued, many at once, on a connection of its own. The
 * listening connection is its own as well, held open (two connections per instance beyond the
 * pool). On Derby, a single instance's database, both do nothing.
 */
@ApplicationScoped
public class PostgresNotifications {

  static final String CHANNEL = "workflow_execution_changes";

  private static final int OUTBOX = 10_000;

  private static final Logger LOG = Logger.getLogger(PostgresNotifications.class.getName());

  @Resource ManagedThreadFactory threads;

  private final String instance = UUID.randomUUID().toString();
  private final boolean enabled = DatabaseSettings.isPostgres();
  private final LinkedBlockingQueue<String> outbox = new LinkedBlockingQueue<>(OUTBOX);
  private final Object lock = new Object();
  private Thread sender;
  private Thread listener;
  private volatile boolean stopping;

  /*
   * What the hub calls is public: it calls through the bean's client proxy, and Payara defines
   * that proxy where a package-private method is not overridden, so that the call would run on the
   * proxy itself, whose fields were never injected.
   */

  /** Announces a change committed here to the other instances. */
  public void publish(ExecutionEvent event) {
    if (!enabled || stopping) {
      return;
    }
    startSender();
    outbox.offer(
        instance + " " + event.kind().name() + " " + event.position() + " " + event.executionId());
  }

  /** Starts passing the other instances' changes to {@code hub}. */
  public void listen(EventHub hub) {
    if (!enabled) {
      return;
    }
    synchronized (lock) {
      if (listener == null) {
        listener = start("execution-events-listen", () -> listenLoop(hub));
      }
    }
  }

  /** Ends both threads (each closes its connection as it ends), at undeployment at the latest. */
  @PreDestroy
  public void stop() {
    stopping = true;
    synchronized (lock) {
      if (sender != null) {
        sender.interrupt();
      }
      if (listener != null) {
        listener.interrupt();
      }
    }
  }

  private void startSender() {
    if (sender != null) {
      return;
    }
    synchronized (lock) {
      if (sender == null) {
        sender = start("execution-events-notify", this::sendLoop);
      }
    }
  }

  private Thread start(String name, Runnable loop) {
    Thread thread = threads.newThread(loop);
    thread.setName(name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private void sendLoop() {
    Connection connection = null;
    List<String> batch = new ArrayList<>();
    while (!stopping) {
      try {
        if (batch.isEmpty()) {
          batch.add(outbox.take());
          outbox.drainTo(batch, 999);
        }
        if (connection == null) {
          connection = DatabaseSettings.dataSource().getConnection();
          connection.setAutoCommit(true);
        }
        try (PreparedStatement notify =
            connection.prepareStatement("SELECT pg_notify(?, p) FROM unnest(?) AS p")) {
          notify.setString(1, CHANNEL);
          notify.setArray(2, connection.createArrayOf("text", batch.toArray()));
          notify.execute();
        }
        batch.clear();
      } catch (InterruptedException e) {
        break;
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.FINE, "Could not announce changes; retrying", e);
        close(connection);
        connection = null;
        if (!pause()) {
          break;
        }
      }
    }
    close(connection);
  }

  private void listenLoop(EventHub hub) {
    boolean lost = false;
    while (!stopping) {
      try (Connection connection = DatabaseSettings.dataSource().getConnection()) {
        connection.setAutoCommit(true);
        try (Statement listen = connection.createStatement()) {
          listen.execute("LISTEN " + CHANNEL);
        }
        if (lost) {
          hub.everythingMayHaveChanged(
              "the instance lost its connection to the other instances' changes for a while");
          lost = false;
        }
        PGConnection postgres = connection.unwrap(PGConnection.class);
        while (!stopping) {
          PGNotification[] notifications = postgres.getNotifications(1000);
          if (notifications == null) {
            continue;
          }
          for (PGNotification notification : notifications) {
            heard(hub, notification.getParameter());
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (stopping) {
          break;
        }
        LOG.log(Level.WARNING, "Lost the connection that listens to other instances' changes", e);
        lost = true;
        if (!pause()) {
          break;
        }
      }
    }
  }

  private void heard(EventHub hub, String payload) {
    String[] parts = payload.split(" ", 4);
    if (parts.length != 4 || parts[0].equals(instance)) {
      return;
    }
    try {
      hub.heard(parts[3], ExecutionEvent.Kind.valueOf(parts[1]), Long.parseLong(parts[2]));
    } catch (IllegalArgumentException e) {
      LOG.fine(() -> "Ignored a notification of another version: " + payload);
    }
  }

  private static boolean pause() {
    try {
      TimeUnit.SECONDS.sleep(1);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void close(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.log(Level.FINE, "Closing a connection failed", e);
      }
    }
  }
}
