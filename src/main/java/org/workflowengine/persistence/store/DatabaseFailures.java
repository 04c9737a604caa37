package org.workflowengine.persistence.store;

import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import org.workflowengine.persistence.database.SqlStates;

/**
 * Reports the database being out of reach during a store call as {@link
 * DatabaseUnavailableException}, an application exception, rather than as the JPA provider's or
 * driver's runtime exception: callers can tell it from a fault and try again, and the EJB container
 * does not log it as a system exception — which both servers do with a whole stack trace, for every
 * request that fails while the database is away. A failure of the commit itself happens after the
 * call, in the container, and stays a system exception.
 */
public class DatabaseFailures {

  @AroundInvoke
  public Object translate(InvocationContext call) throws Exception {
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
