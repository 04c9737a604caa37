package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionArchive;
import org.workflowengine.persistence.store.ExecutionQuery;

/** {@code /api/export}: the history as NDJSON, streamed. */
@Path("export")
@Tag(name = "archive", description = "Export and import as NDJSON")
public class ExportResource {

  static final String NDJSON = "application/x-ndjson";

  @Inject ExecutionArchive archive;

  @RoleRequired(Roles.READER)
  @GET
  @Produces(NDJSON)
  @Operation(
      summary = "Export executions as NDJSON",
      description =
          "Each distinct snapshot once ({\"type\":\"snapshot\",\"hash\",\"snapshot\"}), then the"
              + " executions oldest first ({\"type\":\"execution\", …, \"snapshot_hash\"}), with"
              + " their tasks, audit trail, logs and errors. Streamed: memory does not grow with"
              + " the number of executions. Filters as for listing.")
  @APIResponse(responseCode = "200", description = "The NDJSON stream")
  @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  public Response export(
      @QueryParam("workflow_name") @Parameter(description = "Only this workflow")
          String workflowName,
      @QueryParam("status") @Parameter(description = "Comma-separated statuses") String status,
      @QueryParam("success") @Parameter(description = "true or false") String success,
      @QueryParam("created_after") @Parameter(description = "RFC 3339, inclusive")
          String createdAfter,
      @QueryParam("created_before") @Parameter(description = "RFC 3339, exclusive")
          String createdBefore,
      @QueryParam("completed_after") @Parameter(description = "RFC 3339, inclusive")
          String completedAfter,
      @QueryParam("completed_before") @Parameter(description = "RFC 3339, exclusive")
          String completedBefore) {
    ExecutionQuery filter =
        QueryParameters.filter(
            workflowName,
            status,
            success,
            createdAfter,
            createdBefore,
            completedAfter,
            completedBefore);
    StreamingOutput stream =
        output -> {
          Writer writer =
              new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
          archive.export(filter, line -> writeLine(writer, line));
          writer.flush();
        };
    return Response.ok(stream, NDJSON).build();
  }

  private static void writeLine(Writer writer, JsonObject line) {
    try {
      writer.write(line.toString());
      writer.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
