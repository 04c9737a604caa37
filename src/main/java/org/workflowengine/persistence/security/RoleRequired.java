package org.workflowengine.persistence.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a REST operation needs (one of {@link Roles}); enforced for HTTP callers by {@code
 * rest.AccessControl}. Not {@code @RolesAllowed}: servers attach their own filters and interceptors
 * to that one (Payara answers it with MicroProfile JWT wording), and the API's 401 and 403 answers
 * are to be its own problem+json whatever the server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RoleRequired {

  /** One of {@link Roles#READER}, {@link Roles#WRITER}, {@link Roles#ADMIN}. */
  String value();
}
