package org.workflowengine.persistence.rest;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.workflowengine.persistence.security.Roles;

/**
 * The REST API lives under {@code /api}; resources and providers are discovered. Every operation
 * needs one of the declared roles (see {@link AccessControl}).
 */
@ApplicationPath("api")
@DeclareRoles({Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.METRICS})
public class RestConfiguration extends Application {}
