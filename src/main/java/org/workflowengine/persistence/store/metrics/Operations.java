package org.workflowengine.persistence.store.metrics;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * Which method of a store bean is which operation in {@code executions_store_operations}, in one
 * table rather than an annotation on each of the facade's thirty methods. Looked up by {@code
 * Bean.method/arity}, then {@code Bean.method}, then {@code Bean} (every method of it); a method
 * found nowhere, or mapped to {@link #NONE}, is not an operation of its own (a step of one, a
 * helper, or an overload that calls the measured one through the container).
 */
public final class Operations {

  /** Not measured. */
  static final Operation NONE = new Operation("", "");

  /** An operation, and the one it is when the call created what it wrote (a save). */
  public record Operation(String name, String whenCreated) {
    static Operation of(String name) {
      return new Operation(name, "");
    }
  }

  private static final Map<String, Operation> TABLE =
      Map.ofEntries(
          Map.entry("ExecutionStore.create", Operation.of("record")),
          Map.entry("ExecutionStore.snapshot", Operation.of("register")),
          Map.entry("ExecutionStore.registerSnapshot", Operation.of("register")),
          Map.entry("ExecutionStore.restore", Operation.of("import")),
          Map.entry("ExecutionStore.save", new Operation("replace", "record")),
          // save(execution) calls save(execution, version) through the container: measured there
          Map.entry("ExecutionStore.save/1", NONE),
          Map.entry("ExecutionStore.update", Operation.of("replace")),
          Map.entry("ExecutionStore.delete", Operation.of("delete")),
          Map.entry("ExecutionStore.transition", Operation.of("transition")),
          Map.entry("ExecutionStore.appendAudit", Operation.of("append")),
          Map.entry("ExecutionStore.appendLogs", Operation.of("append")),
          Map.entry("ExecutionStore.recordError", Operation.of("append")),
          Map.entry("ExecutionStore.upsertTask", Operation.of("task")),
          Map.entry("ExecutionStore.setLabel", Operation.of("label")),
          Map.entry("ExecutionStore.removeLabel", Operation.of("label")),
          Map.entry("ExecutionStore.verify", Operation.of("verify")),
          Map.entry("ExecutionStore.find", Operation.of("read")),
          Map.entry("ExecutionStore.get", Operation.of("read")),
          Map.entry("ExecutionStore.getSnapshotHash", Operation.of("read")),
          Map.entry("ExecutionStore.getLogLines", Operation.of("read")),
          Map.entry("ExecutionStore.findSnapshot", Operation.of("read")),
          Map.entry("ExecutionStore.list", Operation.of("list")),
          Map.entry("ExecutionStore.count", Operation.of("count")),
          Map.entry("ExecutionStore.restoreFromArchive", Operation.of("restore")),
          Map.entry("WorkflowHistory", Operation.of("history")),
          Map.entry("WorkflowInsight.count", Operation.of("count")),
          Map.entry("WorkflowInsight.stats", Operation.of("stats")),
          Map.entry("WorkflowInsight.grid", Operation.of("stats")),
          Map.entry("WorkflowInsight.ran", Operation.of("read")),
          Map.entry("ExecutionTransfer.export", Operation.of("export")),
          Map.entry("ExecutionTransfer.importFrom", Operation.of("import")),
          Map.entry("Retention.purge", Operation.of("purge")),
          Map.entry("Archiver.archive", Operation.of("archive")));

  private Operations() {}

  /** The operation {@code method} is, or {@link #NONE}. */
  public static Operation of(Method method) {
    String bean = method.getDeclaringClass().getSimpleName();
    String name = bean + "." + method.getName();
    Operation operation = TABLE.get(name + "/" + method.getParameterCount());
    if (operation == null) {
      operation = TABLE.get(name);
    }
    if (operation == null) {
      operation = TABLE.getOrDefault(bean, NONE);
    }
    return operation;
  }

  /** Whether {@code operation} is measured. */
  public static boolean measured(Operation operation) {
    return !operation.name().isEmpty();
  }
}
