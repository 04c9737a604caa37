package org.workflowengine.persistence.rest;

import java.lang.reflect.Method;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Takes out of the served OpenAPI document what a server adds that is not OpenAPI, so that client
 * generators and linters accept it as it is (the document itself is META-INF/openapi.yaml).
 *
 * <p>Payara 6 adds a top-level {@code endpoints} property listing the application's paths; OpenAPI
 * allows no such property (later Payara releases rename it {@code x-endpoints}). It is a field of
 * Payara's own model class, not of the MicroProfile model, so it is emptied by reflection, and an
 * empty map is not written. On any other server there is no such method and nothing changes.
 */
public class OpenApiDocumentFilter implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI document) {
    try {
      Method setEndpoints = document.getClass().getMethod("setEndpoints", Map.class);
      setEndpoints.invoke(document, new java.util.HashMap<String, Object>());
    } catch (NoSuchMethodException e) {
      // Not Payara's model: nothing of the kind to take out.
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot take Payara's endpoints out of the document", e);
    }
  }
}
