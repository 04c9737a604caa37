package org.workflowengine.persistence.rest;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.workflowengine.persistence.json.JsonFormats;

/**
 * The REST API writes and reads with the module's one JSON-B configuration, {@link
 * JsonFormats#JSONB}: absent values are written as {@code null}, so every field of the wire format
 * is always present.
 */
@Provider
public class JsonbConfiguration implements ContextResolver<Jsonb> {

  @Context UriInfo uriInfo;

  @Override
  public Jsonb getContext(Class<?> type) {
    // null: another application's JSON-B stays its own (see ServiceScope).
    return ServiceScope.isOurs(uriInfo) ? JsonFormats.JSONB : null;
  }
}
