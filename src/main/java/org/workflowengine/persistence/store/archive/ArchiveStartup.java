package org.workflowengine.persistence.store.archive;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Checks the archive's settings when the application starts: a malformed location, an unknown
 * scheme, a bucket that does not exist or cannot be used, a directory that cannot be written — each
 * stops the deployment with a message naming the setting, rather than a purge finding out later
 * (and never falling back to deleting).
 */
@Singleton
@Startup
public class ArchiveStartup {

  private static final Logger LOG = Logger.getLogger(ArchiveStartup.class.getName());

  @Inject Archive archive;

  @PostConstruct
  void check() {
    archive.check();
    LOG.info(
        () ->
            archive
                .location()
                .map(where -> "Purges move finished executions to the archive " + where)
                .orElse(
                    "No archive configured ("
                        + ArchiveLocation.PROPERTY
                        + "): purges delete executions"));
  }
}
