package org.workflowengine.persistence.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * s3proxy, a real S3-compatible server on a directory of its own, as a process of its own: a bucket
 * is a directory of {@code data/}, an object a file at its key's path under it.
 */
public final class S3ProxyProcess implements AutoCloseable {

  private final Path dir;
  private final int port;
  private Process process;

  private S3ProxyProcess(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /**
   * Starts s3proxy from {@code jar} on {@code port}, with a fresh {@code dir} holding the empty
   * bucket {@code bucket}, accepting the credentials {@code identity}/{@code secret}.
   */
  public static S3ProxyProcess fresh(
      Path jar, Path dir, int port, String bucket, String identity, String secret)
      throws IOException {
    // Another server on the port would answer for this one (and its objects would not be these).
    try (Socket taken = new Socket("127.0.0.1", port)) {
      throw new IOException("Port " + port + " is taken already; s3proxy was not started");
    } catch (ConnectException free) {
      // Nothing listens: the port is this one's.
    }
    Directories.deleteTree(dir);
    Files.createDirectories(dir.resolve("data").resolve(bucket));
    Files.writeString(
        dir.resolve("s3proxy.conf"),
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + identity,
            "s3proxy.credential=" + secret,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + dir.resolve("data").toAbsolutePath(),
            ""));
    S3ProxyProcess proxy = new S3ProxyProcess(dir, port);
    proxy.start(jar);
    return proxy;
  }

  /** Starts it (again) on the same directory: what it held, it holds. */
  public void start(Path jar) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "--properties",
                dir.resolve("s3proxy.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile()))
            .start();
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    awaitPort(Duration.ofSeconds(60));
  }

  /** Where the objects of {@code bucket} are, as files. */
  public Path objects(String bucket) {
    return dir.resolve("data").resolve(bucket);
  }

  public int port() {
    return port;
  }

  /** Kills it at once (SIGKILL): requests in flight fail. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor();
      process = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
      process = null;
    }
  }

  private void awaitPort(Duration limit) throws IOException {
    Instant end = Instant.now().plus(limit);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        throw new IOException(
            "s3proxy exited with " + process.exitValue() + "; see " + dir + "/s3proxy.log");
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
}
