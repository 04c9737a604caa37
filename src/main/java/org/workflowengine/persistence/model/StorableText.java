package org.workflowengine.persistence.model;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
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
import org.workflowengine.persistence.json.UnicodeText;

/**
 * The string is text a text column keeps unchanged: well-formed Unicode (no unpaired surrogate) and
 * no U+0000 (see {@link UnicodeText#isStorable}). Null passes.
 */
@Documented
@Constraint(validatedBy = StorableText.Check.class)
@Target({FIELD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface StorableText {

  String message() default "must be valid Unicode text without U+0000";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check. */
  class Check implements ConstraintValidator<StorableText, CharSequence> {
    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
      return UnicodeText.isStorable(value);
    }
  }
}
