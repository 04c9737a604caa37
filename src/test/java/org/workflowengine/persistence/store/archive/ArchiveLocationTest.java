package org.workflowengine.persistence.store.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveLocationTest {

  @Test
  void noSettingIsNoArchive() {
    assertThat(ArchiveLocation.parse(null)).isEmpty();
    assertThat(ArchiveLocation.parse("  ")).isEmpty();
  }

  @Test
  void aDirectoryIsAFileLocation() {
    assertThat(ArchiveLocation.parse("file:/var/lib/archive").orElseThrow().directory())
        .isEqualTo(Path.of("/var/lib/archive"));
    assertThat(ArchiveLocation.parse("file:///var/lib/archive").orElseThrow().directory())
        .isEqualTo(Path.of("/var/lib/archive"));
    assertThat(ArchiveLocation.parse("file:data/archive").orElseThrow().directory())
        .isEqualTo(Path.of("data/archive").toAbsolutePath());
  }

  @Test
  void aBucketWithOrWithoutAPrefix() {
    ArchiveLocation bare = ArchiveLocation.parse("s3://my-bucket").orElseThrow();
    assertThat(bare.bucket()).isEqualTo("my-bucket");
    assertThat(bare.prefix()).isEmpty();
    ArchiveLocation prefixed = ArchiveLocation.parse("s3://my-bucket/runs/old").orElseThrow();
    assertThat(prefixed.prefix()).isEqualTo("runs/old/");
    assertThat(prefixed.toString()).isEqualTo("s3://my-bucket/runs/old/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://host/dir",
        "/var/lib/archive",
        "file:",
        "file://host/dir",
        "s3://",
        "s3://UPPER",
        "s3://a",
        "s3://bucket//double",
        "s3:///leading"
      })
  void aMalformedLocationIsRefusedNamingTheSetting(String setting) {
    assertThatThrownBy(() -> ArchiveLocation.parse(setting))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("executions.archive.location=" + setting + ": ");
  }
}
