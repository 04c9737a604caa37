package org.workflowengine.persistence.store.write;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;

/**
 * The server's Bean Validation, for what comes in (executions, entries, tasks), told that every
 * property is there to validate.
 *
 * <p>Why not the default validator: with a persistence provider present, it asks the provider
 * whether each property of each object is loaded before validating it — for an execution with its
 * tasks, audit entries and errors, a few hundred look-ups per write. What the store validates is
 * input built by a client or a JSON binding, never a lazily loaded entity, so the answer is always
 * yes.
 */
@Dependent
public class ModelValidator {

  private static final TraversableResolver EVERYTHING_LOADED =
      new TraversableResolver() {
        @Override
        public boolean isReachable(
            Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
          return true;
        }

        @Override
        public boolean isCascadable(
            Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
          return true;
        }
      };

  @Inject ValidatorFactory factory;

  private Validator validator;

  @PostConstruct
  void init() {
    validator = factory.usingContext().traversableResolver(EVERYTHING_LOADED).getValidator();
  }

  public Validator get() {
    return validator;
  }
}
