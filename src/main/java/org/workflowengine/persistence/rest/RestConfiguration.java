package org.workflowengine.persistence.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API lives under {@code /api}; resources and providers are discovered. */
@ApplicationPath("api")
public class RestConfiguration extends Application {}
