package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.transfer.ExecutionTransfer;

/** {@code /api/export}: the history as NDJSON, streamed. */
@Path("export")
public class ExportResource {

  static final String NDJSON = "application/x-ndjson";

  @Inject ExecutionTransfer archive;

  @RoleRequired(Roles.READER)
  @GET
  @Produces(NDJSON)
  public Response export(@BeanParam FilterParameters parameters) {
    ExecutionQuery filter = parameters.toQuery();
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
