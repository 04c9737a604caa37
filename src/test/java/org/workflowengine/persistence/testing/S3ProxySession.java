package org.workflowengine.persistence.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The S3 server of {@code -Darchive=s3}: s3proxy (a real S3-compatible server, on a fresh directory
 * of its own), started as a process of its own when the test run starts — before any server deploys
 * the application, whose start-up checks the bucket — with the bucket the tests archive into, and
 * stopped when the run ends. Its objects are files under {@link #objects()}. Does nothing when
 * {@code it.s3proxy.jar} is not set.
 */
public class S3ProxySession implements LauncherSessionListener {

  /** The bucket the S3 legs archive into (the location is {@code s3://it-archive/runs}). */
  public static final String BUCKET = "it-archive";

  private Process process;

  /** Where s3proxy keeps the objects of {@link #BUCKET}: one file per key, at the key's path. */
  public static Path objects() {
    return Path.of(System.getProperty("it.s3proxy.dir", "target/it-s3proxy"), "data", BUCKET);
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String jar = System.getProperty("it.s3proxy.jar", "");
    if (jar.isBlank() || process != null) {
      return;
    }
    int port = Integer.parseInt(System.getProperty("it.s3proxy.port", "9797"));
    Path dir = Path.of(System.getProperty("it.s3proxy.dir", "target/it-s3proxy"));
    try {
      deleteTree(dir);
      // s3proxy's filesystem store keeps a bucket as a directory of its base directory, an object
      // as a file under it (which is how the tests reach an object behind the service's back).
      Files.createDirectories(dir.resolve("data").resolve(BUCKET));
      Path conf = dir.resolve("s3proxy.conf");
      Files.writeString(
          conf,
          String.join(
              "\n",
              "s3proxy.endpoint=http://127.0.0.1:" + port,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + System.getProperty("aws.accessKeyId"),
              "s3proxy.credential=" + System.getProperty("aws.secretAccessKey"),
              "jclouds.provider=filesystem",
              "jclouds.filesystem.basedir=" + dir.resolve("data").toAbsolutePath(),
              ""));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      process =
          new ProcessBuilder(java, "-Xmx256m", "-jar", jar, "--properties", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("s3proxy.log").toFile())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      awaitPort(port, Duration.ofSeconds(60));
    } catch (IOException e) {
      throw new UncheckedIOException("s3proxy did not start (see " + dir + "/s3proxy.log)", e);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (process != null) {
      process.destroy();
      process = null;
    }
  }

  private void awaitPort(int port, Duration limit) throws IOException {
    Instant end = Instant.now().plus(limit);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        throw new IOException("s3proxy exited with " + process.exitValue());
      }
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    }
    throw new IOException("s3proxy did not listen on port " + port + " within " + limit);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
