package org.workflowengine.persistence.model;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;
import org.workflowengine.persistence.json.Timestamps;

/**
 * The instant lies within what both databases keep, {@link Timestamps#MIN} to {@link
 * Timestamps#MAX} (years 1 to 9999). Null passes.
 */
@Documented
@Constraint(validatedBy = StorableInstant.Check.class)
@Target({FIELD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface StorableInstant {

  String message() default "must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check. */
  class Check implements ConstraintValidator<StorableInstant, Instant> {
    @Override
    public boolean isValid(Instant value, ConstraintValidatorContext context) {
      return Timestamps.isStorable(value);
    }
  }
}
