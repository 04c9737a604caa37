package org.workflowengine.persistence.rest;

import jakarta.json.bind.Jsonb;
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

  @Override
  public Jsonb getContext(Class<?> type) {
    return JsonFormats.JSONB;
  }
}
