package org.workflowengine.persistence.store.metrics;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation a method of a store bean is, in the metric {@code executions_store_operations}:
 * counted and timed by {@link MeasuredOperations} when the bean names that interceptor. A method
 * without it is not an operation of its own (a step of one, or a helper).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Measured {

  /** The operation: {@code record}, {@code append}, {@code list}, …; see docs/operations.md. */
  String value();

  /**
   * The operation when the call created what it wrote (its result a {@link Creation} that says so):
   * a save.
   */
  String whenCreated() default "";
}
