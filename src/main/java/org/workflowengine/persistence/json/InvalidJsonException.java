package org.workflowengine.persistence.json;

/** JSON text that breaks the input rules of {@link JsonInput}; the message says which and where. */
public class InvalidJsonException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidJsonException(String message) {
    super(message);
  }
}
