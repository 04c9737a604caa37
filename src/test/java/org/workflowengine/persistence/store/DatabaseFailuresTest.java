package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.interceptor.InvocationContext;
import jakarta.persistence.PersistenceException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.store.error.DatabaseUnavailableException;
import org.workflowengine.persistence.store.error.DuplicateExecutionException;
import org.workflowengine.persistence.store.error.ExecutionStoreException;

class DatabaseFailuresTest {

  private final DatabaseFailures interceptor = new DatabaseFailures();

  /** A call whose {@code proceed()} does what {@code body} does. */
  private static InvocationContext call(Callable<Object> body) {
    return (InvocationContext)
        Proxy.newProxyInstance(
            InvocationContext.class.getClassLoader(),
            new Class<?>[] {InvocationContext.class},
            (proxy, method, args) -> {
              if (method.getName().equals("proceed")) {
                return body.call();
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void aDatabaseOutOfReachBecomesTheStoresApplicationException() {
    PersistenceException refused =
        new PersistenceException(
            "Could not store execution e-1",
            new SQLException(
                "Connection to 127.0.0.1:5432 refused.",
                "08001",
                new ConnectException("Connection refused")));

    assertThatThrownBy(
            () ->
                interceptor.translate(
                    call(
                        () -> {
                          throw refused;
                        })))
        .isInstanceOf(DatabaseUnavailableException.class)
        .isInstanceOf(ExecutionStoreException.class)
        .hasCause(refused)
        .hasMessage("The database cannot be reached: Connection refused");
  }

  @Test
  void otherFailuresAndResultsPassThroughUnchanged() throws Exception {
    DuplicateExecutionException duplicate = new DuplicateExecutionException("e-1");
    IllegalStateException fault = new IllegalStateException("a bug");
    PersistenceException constraint =
        new PersistenceException(new SQLException("value too long", "22001"));

    assertThat(interceptor.translate(call(() -> "stored"))).isEqualTo("stored");
    for (RuntimeException failure : new RuntimeException[] {duplicate, fault, constraint}) {
      assertThatThrownBy(
              () ->
                  interceptor.translate(
                      call(
                          () -> {
                            throw failure;
                          })))
          .isSameAs(failure);
    }
  }

  @Test
  void aCallThatFindsNoFreeSlotWithinTheWaitFailsAsUnavailable() throws Exception {
    DatabaseFailures twoSlots = new DatabaseFailures(2, Duration.ofMillis(200));
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      List<Future<Object>> busy = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        busy.add(
            callers.submit(
                () ->
                    twoSlots.translate(
                        call(
                            () -> {
                              entered.countDown();
                              return release.await(30, TimeUnit.SECONDS);
                            }))));
      }
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(() -> twoSlots.translate(call(() -> "third")))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessage(
              "No connection to the database was free for 200 ms: all 2 of the store's calls"
                  + " were in use");

      release.countDown();
      for (Future<Object> call : busy) {
        assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(true);
      }
      assertThat(twoSlots.translate(call(() -> "after"))).isEqualTo("after");
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aCallMadeWithinACallRunsInItsCallersSlot() throws Exception {
    DatabaseFailures oneSlot = new DatabaseFailures(1, Duration.ofMillis(200));

    Object result = oneSlot.translate(call(() -> oneSlot.translate(call(() -> "inner"))));

    assertThat(result).isEqualTo("inner");
    assertThat(oneSlot.translate(call(() -> "next")))
        .as("the slot was given back")
        .isEqualTo("next");
  }

  @Test
  void aCallerInterruptedWhileItWaitsGetsTheStoresFailureAndKeepsItsInterrupt() {
    AtomicBoolean ran = new AtomicBoolean();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(
              () ->
                  interceptor.translate(
                      call(
                          () -> {
                            ran.set(true);
                            return "ran";
                          })))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessage(
              "Interrupted while waiting for one of the store's database slots: nothing was done");
      assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
      assertThat(ran).as("the call did not run").isFalse();
    } finally {
      Thread.interrupted();
    }
  }
}
