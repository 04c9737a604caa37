package org.workflowengine.persistence.store.archive;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.workflowengine.persistence.store.error.ArchiveUnavailableException;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An archive in an S3 bucket (AWS S3 or any S3-compatible store: MinIO, Ceph, …), through the AWS
 * SDK for Java 2 on the JDK's HTTP client. Credentials come from the SDK's standard chain ({@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, the {@code aws.accessKeyId} system properties,
 * profiles, container and instance roles). An object is stored by one {@code PUT}, which S3 makes
 * visible whole or not at all.
 */
final class S3Storage implements ArchiveStorage {

  static final String ENDPOINT = "executions.archive.s3.endpoint";
  static final String REGION = "executions.archive.s3.region";
  static final String PATH_STYLE = "executions.archive.s3.path-style";

  private static final Logger LOG = Logger.getLogger(S3Storage.class.getName());

  private final ArchiveLocation location;
  private final S3Client client;

  S3Storage(
      ArchiveLocation location,
      Optional<String> endpoint,
      Optional<String> region,
      boolean pathStyle) {
    this.location = location;
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30)))
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .forcePathStyle(pathStyle)
            // Checksums only where S3 requires them, and no chunked uploads: S3-compatible stores
            // (MinIO, Ceph, s3proxy) do not all take the SDK's newer trailing checksums. The
            // archive checks every object itself: read back after writing, SHA-256 before reading.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
    endpoint.ifPresent(
        uri -> {
          try {
            builder.endpointOverride(URI.create(uri));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENDPOINT + "=" + uri + ": not a URI", e);
          }
        });
    // Without a region setting the SDK's chain decides (AWS_REGION, profiles, instance metadata);
    // an S3-compatible store behind an endpoint usually ignores it, so it defaults to us-east-1.
    region
        .or(() -> endpoint.map(e -> "us-east-1"))
        .ifPresent(name -> builder.region(Region.of(name)));
    this.client = builder.build();
  }

  @Override
  public void put(String key, byte[] bytes) {
    try {
      client.putObject(
          request -> request.bucket(location.bucket()).key(location.prefix() + key),
          RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw unavailable("write", key, e);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    try {
      return Optional.of(
          client
              .getObjectAsBytes(
                  request -> request.bucket(location.bucket()).key(location.prefix() + key))
              .asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw unavailable("read", key, e);
    }
  }

  @Override
  public void delete(String key) {
    try {
      client.deleteObject(
          request -> request.bucket(location.bucket()).key(location.prefix() + key));
    } catch (SdkException e) {
      throw unavailable("delete", key, e);
    }
  }

  @Override
  public void check() {
    try {
      client.headBucket(request -> request.bucket(location.bucket()));
    } catch (NoSuchBucketException e) {
      throw new IllegalStateException(
          ArchiveLocation.PROPERTY + "=" + location + ": the bucket does not exist", e);
    } catch (S3Exception e) {
      // The store answered: a missing bucket (404 to HEAD), no right to it, wrong credentials.
      throw new IllegalStateException(
          ArchiveLocation.PROPERTY
              + "="
              + location
              + ": the bucket cannot be used (HTTP "
              + e.statusCode()
              + (e.statusCode() == 404 ? ": it does not exist" : "")
              + ")",
          e);
    } catch (SdkClientException e) {
      // Not reached at all: the store may be down for now. Purges answer 503 until it is back.
      LOG.warning(
          () ->
              ArchiveLocation.PROPERTY
                  + "="
                  + location
                  + " cannot be reached now ("
                  + e.getMessage()
                  + "); purges that archive will answer 503 until it can");
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private ArchiveUnavailableException unavailable(String what, String key, SdkException e) {
    return new ArchiveUnavailableException(
        "The archive " + location + " could not " + what + " " + key + ": " + e.getMessage(), e);
  }
}
