package org.workflowengine.persistence.store;

import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.workflowengine.persistence.database.SchemaMigration;
import org.workflowengine.persistence.database.SqlStates;
import org.workflowengine.persistence.metrics.StoreMetrics;
import org.workflowengine.persistence.store.error.DatabaseUnavailableException;
import org.workflowengine.persistence.store.error.ExecutionStoreException;

/**
 * Around every call of the store's beans: a call the database cannot serve fails soon, the same way
 * on every server, as {@link DatabaseUnavailableException}.
 *
 * <ul>
 *   <li><b>Bounded wait.</b> At most {@link #SLOTS} calls run at once, half the pool's connections
 *       (a call may hold two: a new snapshot is committed in a transaction of its own), so the
 *       server's pool is never exhausted by them; a call that finds no slot within {@link #WAIT}
 *       fails. Without it a call would wait for a free connection as long as the server's pool
 *       says: 5 s on Payara (its {@code fish.payara.max-wait-time-in-millis}), 30 s on WildFly,
 *       which takes no pool setting from a {@code DataSourceDefinition}. A call made from within
 *       another (the same thread) runs in its caller's slot.
 *   <li><b>The database out of reach</b> is reported as the application exception rather than as
 *       the JPA provider's or driver's runtime exception: callers can tell it from a fault and try
 *       again, and the EJB container does not log it as a system exception — which both servers do
 *       with a whole stack trace, for every request that fails while the database is away. A
 *       failure of the commit itself happens after the call, in the container, and stays a system
 *       exception.
 * </ul>
 */
public class DatabaseFailures {

  /** Calls that may run at once. */
  static final int SLOTS = SchemaMigration.MAX_POOL_SIZE / 2;

  /** The longest a call waits for a slot: Payara's wait for a free connection. */
  static final Duration WAIT = Duration.ofSeconds(5);

  private static final Semaphore FREE = new Semaphore(SLOTS, true);

  private static final ThreadLocal<Boolean> IN_A_CALL = ThreadLocal.withInitial(() -> false);

  /** Where the waits, refusals and outages are counted; absent in unit tests. */
  @Inject StoreMetrics metrics;

  private final Semaphore free;
  private final int slots;
  private final Duration wait;

  public DatabaseFailures() {
    this(FREE, SLOTS, WAIT);
  }

  /** With slots of its own and another wait: for tests. */
  DatabaseFailures(int slots, Duration wait) {
    this(new Semaphore(slots, true), slots, wait);
  }

  private DatabaseFailures(Semaphore free, int slots, Duration wait) {
    this.free = free;
    this.slots = slots;
    this.wait = wait;
  }

  @AroundInvoke
  public Object translate(InvocationContext call) throws Exception {
    if (IN_A_CALL.get()) {
      return proceed(call);
    }
    if (metrics != null) {
      metrics.databaseSlots(() -> slots - free.availablePermits(), slots);
    }
    long waitStart = System.nanoTime();
    boolean acquired;
    try {
      acquired = free.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      // A caller interrupted while it waits (a request cancelled, a server shutting down) gets
      // the store's own failure, not the container's wrapping of a checked exception.
      Thread.currentThread().interrupt();
      throw new DatabaseUnavailableException(
          "Interrupted while waiting for one of the store's database slots: nothing was done");
    }
    if (metrics != null) {
      metrics.slotWait(System.nanoTime() - waitStart);
    }
    if (!acquired) {
      if (metrics != null) {
        metrics.callRefused();
      }
      throw new DatabaseUnavailableException(
          "No connection to the database was free for "
              + wait.toMillis()
              + " ms: all "
              + slots
              + " of the store's calls were in use");
    }
    IN_A_CALL.set(true);
    try {
      Object result = proceed(call);
      if (metrics != null) {
        metrics.databaseReached();
      }
      return result;
    } catch (DatabaseUnavailableException e) {
      if (metrics != null) {
        metrics.databaseUnavailable();
      }
      throw e;
    } catch (ExecutionStoreException e) {
      if (metrics != null) {
        metrics.databaseReached(); // refused by the store's rules, which read the database
      }
      throw e;
    } finally {
      IN_A_CALL.remove();
      free.release();
    }
  }

  private static Object proceed(InvocationContext call) throws Exception {
    try {
      return call.proceed();
    } catch (ExecutionStoreException e) {
      throw e;
    } catch (RuntimeException e) {
      if (SqlStates.isDatabaseUnavailable(e)) {
        throw new DatabaseUnavailableException(e);
      }
      throw e;
    }
  }
}
