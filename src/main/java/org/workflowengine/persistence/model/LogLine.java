package org.workflowengine.persistence.model;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * One line of a task's log, wherever lines come in (an execution's {@code per_task_logs}, a log
 * append): present, text a column keeps unchanged, at most {@value TaskLogLine#MAX_LENGTH}
 * characters. Each broken rule is reported with its own message.
 */
@NotNull(message = "a log line must not be null")
@StorableText(message = "a log line must be valid Unicode text without U+0000")
@Size(max = TaskLogLine.MAX_LENGTH, message = "a log line must be at most {max} characters")
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface LogLine {

  String message() default "must be a storable log line";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
