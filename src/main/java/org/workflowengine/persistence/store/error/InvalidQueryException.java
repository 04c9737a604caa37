package org.workflowengine.persistence.store.error;

/** A list query parameter is out of range or malformed; the message names the parameter. */
public class InvalidQueryException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  private final String parameter;

  public InvalidQueryException(String parameter, String problem) {
    super("Invalid " + parameter + ": " + problem);
    this.parameter = parameter;
  }

  public String getParameter() {
    return parameter;
  }
}
