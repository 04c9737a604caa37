package org.workflowengine.persistence.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The S3 server of {@code -Darchive=s3}: s3proxy ({@link S3ProxyProcess}), started when the test
 * run starts — before any server deploys the application, whose start-up checks the bucket — with
 * the bucket the tests archive into, and stopped when the run ends. Its objects are files under
 * {@link #objects()}. Does nothing when {@code it.s3proxy.jar} is not set.
 *
 * <p>Once per JVM: Arquillian runs each in-container test through a JUnit launcher of its own,
 * inside the server — in the tests' own JVM for embedded Payara — and that launcher's session must
 * neither start a second s3proxy nor, as {@code fresh} would, wipe the first one's objects. A
 * system property (one per JVM, whichever class loader loads this listener) marks it running.
 */
public class S3ProxySession implements LauncherSessionListener {

  /** The bucket the S3 legs archive into (the location is {@code s3://it-archive/runs}). */
  public static final String BUCKET = "it-archive";

  private static final String RUNNING = "it.s3proxy.running";

  private S3ProxyProcess proxy;

  /** Where s3proxy keeps the objects of {@link #BUCKET}: one file per key, at the key's path. */
  public static Path objects() {
    return Path.of(System.getProperty("it.s3proxy.dir", "target/it-s3proxy"), "data", BUCKET);
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String jar = System.getProperty("it.s3proxy.jar", "");
    if (jar.isBlank() || proxy != null || Boolean.getBoolean(RUNNING)) {
      return;
    }
    Path dir = Path.of(System.getProperty("it.s3proxy.dir", "target/it-s3proxy"));
    try {
      proxy =
          S3ProxyProcess.fresh(
              Path.of(jar),
              dir,
              Integer.parseInt(System.getProperty("it.s3proxy.port", "9797")),
              BUCKET,
              System.getProperty("aws.accessKeyId"),
              System.getProperty("aws.secretAccessKey"));
    } catch (IOException e) {
      throw new UncheckedIOException("s3proxy did not start (see " + dir + "/s3proxy.log)", e);
    }
    System.setProperty(RUNNING, "true");
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (proxy != null) {
      try {
        proxy.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      proxy = null;
      System.clearProperty(RUNNING);
    }
  }
}
