package org.workflowengine.persistence.stream;

/**
 * One server-sent event: its {@code event} name, its {@code id} (null: none, the client's last
 * event id stays as it was) and its {@code data}, a JSON document; or, with no name, a comment (a
 * heartbeat) whose text is {@code data}.
 */
public record StreamEvent(String name, String id, String data) {

  /** A comment line: kept by proxies as traffic, ignored by clients. */
  public static StreamEvent comment(String text) {
    return new StreamEvent(null, null, text);
  }

  public boolean isComment() {
    return name == null;
  }

  /**
   * Roughly what it holds in memory, for a subscriber's bound: its text (one byte a character, as
   * Java keeps Latin-1 text) and the objects around it.
   */
  int weight() {
    return 96 + (data == null ? 0 : data.length()) + (id == null ? 0 : id.length());
  }
}
