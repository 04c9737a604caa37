package org.workflowengine.persistence.model;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The string is a task id by {@link TaskIds}' rule. Null passes (say {@code @NotNull} where one is
 * required), so that a missing id and a malformed one get their own messages.
 */
@Documented
@Constraint(validatedBy = TaskId.Check.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface TaskId {

  String message() default "task_id must be " + TaskIds.RULE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check. */
  class Check implements ConstraintValidator<TaskId, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || TaskIds.isValid(value);
    }
  }
}
