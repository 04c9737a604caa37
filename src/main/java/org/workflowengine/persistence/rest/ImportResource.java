package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.transfer.ExecutionTransfer;
import org.workflowengine.persistence.store.transfer.ImportResult;

/** {@code /api/import}: NDJSON as exported, back in. */
@Path("import")
public class ImportResource {

  @Inject ExecutionTransfer archive;

  @RoleRequired(Roles.ADMIN)
  @POST
  @Consumes({ExportResource.NDJSON, MediaType.TEXT_PLAIN})
  @Produces(MediaType.APPLICATION_JSON)
  public ImportResult importLines(InputStream body) throws IOException {
    // Spooled to a file so that the stream can be checked whole before any of it is stored,
    // in constant memory.
    java.nio.file.Path spool = Files.createTempFile("execution-import-", ".ndjson");
    try {
      Files.copy(body, spool, StandardCopyOption.REPLACE_EXISTING);
      return archive.importFrom(spool);
    } finally {
      Files.deleteIfExists(spool);
    }
  }
}
