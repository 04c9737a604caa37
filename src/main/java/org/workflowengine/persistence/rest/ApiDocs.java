package org.workflowengine.persistence.rest;

/**
 * Names of the reusable parts of the OpenAPI document, defined once in {@code
 * META-INF/openapi.yaml} (problem responses, the seed example, the If-Match header) and referred to
 * from the resources' annotations.
 */
final class ApiDocs {

  static final String BAD_REQUEST = "BadRequest";
  static final String NOT_FOUND = "NotFound";
  static final String CONFLICT = "Conflict";
  static final String PRECONDITION_FAILED = "PreconditionFailed";
  static final String TOO_LARGE = "PayloadTooLarge";
  static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
  static final String SEED_EXAMPLE = "SeedExecution";
  static final String IF_MATCH = "IfMatch";

  private ApiDocs() {}
}
