package org.workflowengine.persistence.rest;

import java.lang.reflect.Method;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

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

  /** What the NDJSON bodies' schemas name as the schema of one line (see docs/api.md). */
  static final String ITEM_SCHEMA = "x-itemSchema";

  @Override
  public void filterOpenAPI(OpenAPI document) {
    keepItemSchemas(document);
    try {
      Method setEndpoints = document.getClass().getMethod("setEndpoints", Map.class);
      setEndpoints.invoke(document, new java.util.HashMap<String, Object>());
    } catch (NoSuchMethodException e) {
      // Not Payara's model: nothing of the kind to take out.
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot take Payara's endpoints out of the document", e);
    }
  }

  /**
   * Puts back the {@value #ITEM_SCHEMA} of the export's and the import's NDJSON schemas where the
   * server's reading of the document dropped it (Payara 6 keeps no extension of a schema there):
   * the document is served as written.
   */
  private static void keepItemSchemas(OpenAPI document) {
    if (document.getPaths() == null) {
      return;
    }
    Map<String, Object> line = Map.of("$ref", "#/components/schemas/ExportLine");
    PathItem export = document.getPaths().getPathItem("/api/export");
    if (export != null && export.getGET() != null && export.getGET().getResponses() != null) {
      APIResponse ok = export.getGET().getResponses().getAPIResponse("200");
      if (ok != null) {
        addItemSchema(ok.getContent(), line);
      }
    }
    PathItem importing = document.getPaths().getPathItem("/api/import");
    if (importing != null
        && importing.getPOST() != null
        && importing.getPOST().getRequestBody() != null) {
      addItemSchema(importing.getPOST().getRequestBody().getContent(), line);
    }
  }

  private static void addItemSchema(Content content, Map<String, Object> line) {
    if (content == null || content.getMediaTypes() == null) {
      return;
    }
    for (Map.Entry<String, MediaType> media : content.getMediaTypes().entrySet()) {
      boolean ndjson =
          media.getKey().equals("application/x-ndjson") || media.getKey().equals("text/plain");
      Schema schema = media.getValue().getSchema();
      if (ndjson
          && schema != null
          && (schema.getExtensions() == null || !schema.getExtensions().containsKey(ITEM_SCHEMA))) {
        schema.addExtension(ITEM_SCHEMA, line);
      }
    }
  }
}
