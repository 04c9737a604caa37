package org.workflowengine.persistence.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the tests' archive keeps an execution's object, reached behind the service's back: a file
 * under the directory of {@code executions.archive.location=file:…}, or, on the S3 legs, the file
 * s3proxy keeps for the key under the bucket's directory ({@link S3ProxySession#objects()}).
 */
public final class ArchivedObjects {

  private ArchivedObjects() {}

  /** The file holding execution {@code id}'s archived object. */
  public static Path of(String id) {
    String location = System.getProperty("executions.archive.location", "");
    String key = "executions/" + sha256(id).substring(0, 2) + "/" + id + ".ndjson.gz";
    if (location.startsWith("file:")) {
      return Path.of(location.substring("file:".length())).resolve(key);
    }
    if (location.startsWith("s3://")) {
      String rest = location.substring("s3://".length());
      String prefix = rest.contains("/") ? rest.substring(rest.indexOf('/') + 1) : "";
      return S3ProxySession.objects().resolve(prefix).resolve(key);
    }
    throw new IllegalStateException("no archive configured: " + location);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
