package org.workflowengine.persistence.rest;

import org.workflowengine.persistence.store.error.InvalidExecutionException;

/** A request that needs a body and has none is a 400, not a null passed to the store. */
final class Bodies {

  private Bodies() {}

  static <T> T require(T body) {
    if (body == null) {
      throw new InvalidExecutionException("the request needs a JSON body");
    }
    return body;
  }
}
