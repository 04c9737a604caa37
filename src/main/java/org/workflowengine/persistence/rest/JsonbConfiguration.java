package org.workflowengine.persistence.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The JSON-B settings of the REST API. Field names and the status spelling are fixed on the model
 * itself; here: absent values are written as {@code null} (as the seed's serializer does), so every
 * field of the wire format is always present.
 */
@Provider
public class JsonbConfiguration implements ContextResolver<Jsonb> {

  /** Thread-safe, created once. */
  private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}
