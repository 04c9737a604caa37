package org.workflowengine.persistence.library.engine;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The engine's own REST application, at the same path as the service's. */
@ApplicationPath("api")
public class EngineApplication extends Application {}
