package org.workflowengine.persistence.rest;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/** The body of a log append: {@code {"lines": ["first", "second"]}}. */
public class LogLines {

  @JsonbProperty("lines")
  private List<String> lines;

  /** The lines, in order. */
  public List<String> getLines() {
    return lines;
  }

  public void setLines(List<String> lines) {
    this.lines = lines;
  }
}
