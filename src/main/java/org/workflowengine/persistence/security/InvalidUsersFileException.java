package org.workflowengine.persistence.security;

/** A users file that cannot be used; the message names the file and the line. */
public class InvalidUsersFileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidUsersFileException(String message) {
    super(message);
  }
}
