package org.workflowengine.persistence.database;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink retries a read that failed on a communication error three times, 5 s apart, with the
 * request thread asleep: while the database is away each request would hang for 10 s and more. Here
 * a failed read fails at once; the server's pool validates its connections, so the request is
 * answered 503 straight away and the next one finds the database as soon as it is back. Used by
 * Payara (EclipseLink) only; Hibernate does not retry.
 */
public class NoQueryRetry implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    session.getLogin().setQueryRetryAttemptCount(0);
  }
}
