package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.interceptor.InvocationContext;
import jakarta.persistence.PersistenceException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

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
}
