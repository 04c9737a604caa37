package org.workflowengine.persistence.store.error;

import java.util.List;

/** An import stream has malformed lines, each named by its number; nothing was imported. */
public class InvalidImportException extends InvalidExecutionException {

  private static final long serialVersionUID = 1L;

  public InvalidImportException(List<String> problems) {
    super(problems);
  }
}
