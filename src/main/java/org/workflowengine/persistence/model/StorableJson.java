package org.workflowengine.persistence.model;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.workflowengine.persistence.json.JsonInput;
import org.workflowengine.persistence.json.UnicodeText;

/**
 * The JSON value passes the rules every JSON document that comes in passes ({@link JsonInput}): at
 * most {@value JsonInput#MAX_DEPTH} levels deep, every key and string well-formed Unicode. This is
 * the same gate for values built in Java, which never went through a parser. Null passes.
 */
@Documented
@Constraint(validatedBy = StorableJson.Check.class)
@Target({FIELD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface StorableJson {

  String message() default
      "must nest at most 500 levels and hold only valid Unicode text and representable numbers";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check: iterative, so that a value nested far too deep cannot exhaust the stack. */
  class Check implements ConstraintValidator<StorableJson, JsonValue> {
    @Override
    public boolean isValid(JsonValue value, ConstraintValidatorContext context) {
      return value == null || isStorable(value);
    }

    /** True when {@code value} nests at most {@value JsonInput#MAX_DEPTH} levels, text valid. */
    public static boolean isStorable(JsonValue value) {
      Deque<JsonValue> pending = new ArrayDeque<>();
      Deque<Integer> depths = new ArrayDeque<>();
      pending.push(value);
      depths.push(0);
      while (!pending.isEmpty()) {
        JsonValue next = pending.pop();
        int depth = depths.pop();
        switch (next.getValueType()) {
          case OBJECT -> {
            if (depth + 1 > JsonInput.MAX_DEPTH) {
              return false;
            }
            for (Map.Entry<String, JsonValue> member : ((JsonObject) next).entrySet()) {
              if (!UnicodeText.isWellFormed(member.getKey())) {
                return false;
              }
              pending.push(member.getValue());
              depths.push(depth + 1);
            }
          }
          case ARRAY -> {
            if (depth + 1 > JsonInput.MAX_DEPTH) {
              return false;
            }
            for (JsonValue element : (JsonArray) next) {
              pending.push(element);
              depths.push(depth + 1);
            }
          }
          case STRING -> {
            if (!UnicodeText.isWellFormed(((JsonString) next).getString())) {
              return false;
            }
          }
          case NUMBER -> {
            if (!JsonInput.isRepresentable(((JsonNumber) next).bigDecimalValue())) {
              return false;
            }
          }
          default -> {
            // booleans and null are always storable
          }
        }
      }
      return true;
    }
  }
}
