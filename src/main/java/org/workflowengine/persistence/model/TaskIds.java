package org.workflowengine.persistence.model;

import org.workflowengine.persistence.json.UnicodeText;

/**
 * The one rule for task ids, wherever a task id comes in: the key of an execution's {@code
 * per_task_logs}, a task record's {@code task_id}, and the {@code {task_id}} segment of the log and
 * task URLs. All three are checked by {@link TaskId}, which asks {@link #isValid}.
 *
 * <p>A task id is 1 to {@value #MAX_LENGTH} characters (UTF-16 code units, what both databases'
 * {@code varchar(128)} keep: a character beyond U+FFFF counts twice) of valid Unicode text, not
 * blank, without control characters (U+0000 among them), without {@code /} or {@code \}, and not
 * {@code .} or {@code ..} alone. Everything else is allowed — letters of any script, spaces,
 * punctuation — because every such id can be written as one percent-encoded URL path segment: a
 * slash (or a backslash, which servers turn into one) would split the segment, and {@code .} and
 * {@code ..} are "this" and "the parent" in a path (RFC 3986), so their URL would name another
 * resource.
 */
public final class TaskIds {

  public static final int MAX_LENGTH = 128;

  /** The rule, for messages and documentation. */
  public static final String RULE =
      "1 to "
          + MAX_LENGTH
          + " characters of text, not blank, without control characters, / or \\, and not . or .."
          + " alone";

  private TaskIds() {}

  /** True when {@code taskId} keeps the rule; null does not. */
  public static boolean isValid(String taskId) {
    return taskId != null
        && !taskId.isBlank()
        && taskId.length() <= MAX_LENGTH
        && UnicodeText.isWellFormed(taskId)
        && taskId.codePoints().noneMatch(Character::isISOControl)
        && taskId.indexOf('/') < 0
        && taskId.indexOf('\\') < 0
        && !taskId.equals(".")
        && !taskId.equals("..");
  }
}
