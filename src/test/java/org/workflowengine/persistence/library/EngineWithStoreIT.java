package org.workflowengine.persistence.library;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.library.engine.Engine;
import org.workflowengine.persistence.library.engine.EngineKeyAuthentication;
import org.workflowengine.persistence.testing.ArchivedObjects;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.TestUser;

/**
 * An engine as engines are: a WAR with its own JAX-RS application at {@code /api} (the service's
 * path) and its own {@code HttpAuthenticationMechanism}, which takes the store library and records
 * runs through its own endpoint. Its paths and its authentication answer; none of the service's. It
 * archives and restores its runs through the library, on the archive the deployment is configured
 * with (a directory, or s3proxy on the S3 legs).
 */
@ExtendWith(ArquillianExtension.class)
class EngineWithStoreIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.engineWithStore(Engine.class.getPackageName());
  }

  @ArquillianResource URL base;

  private final EngineHttp http = new EngineHttp();

  @Test
  void theLibraryHoldsNoneOfTheServicesRestSecurityOrHealthClasses() throws Exception {
    try (JarFile library = new JarFile(Deployments.STORE_JAR)) {
      List<String> entries =
          Collections.list(library.entries()).stream().map(JarEntry::getName).toList();
      assertThat(entries)
          .contains(
              "org/workflowengine/persistence/store/ExecutionStore.class",
              "META-INF/persistence.xml",
              "db/changelog/db.changelog-master.xml")
          .noneMatch(name -> name.startsWith("org/workflowengine/persistence/rest/"))
          .noneMatch(name -> name.startsWith("org/workflowengine/persistence/security/"))
          .noneMatch(name -> name.startsWith("org/workflowengine/persistence/health/"))
          .noneMatch(name -> name.contains("openapi"))
          .noneMatch(name -> name.contains("microprofile-config.properties"));
    }
  }

  @Test
  void theEnginesOwnPathsAndAuthenticationAnswerAndNoneOfTheServices() throws Exception {
    URI runs = base.toURI().resolve("api/runs");
    String workflow = "engine-" + UUID.randomUUID();

    HttpResponse<String> anonymous = http.send("POST", runs, workflow);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .as("the engine's own challenge, not the service's Basic/Bearer")
        .hasValue("EngineKey realm=\"engine\"");
    HttpResponse<String> basic =
        http.send("POST", runs, workflow, "Authorization", TestUser.OPERATOR.authorization());
    assertThat(basic.statusCode()).as("the service's users mean nothing here").isEqualTo(401);

    HttpResponse<String> created = http.asEngine("POST", runs, workflow);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = EngineHttp.object(created).getString("id");
    assertThat(EngineHttp.object(created).getString("caller"))
        .isEqualTo(EngineKeyAuthentication.CALLER);

    HttpResponse<String> read = http.asEngine("GET", runs.resolve("runs/" + id), null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(EngineHttp.object(read).getString("status")).isEqualTo("Complete");
    assertThat(EngineHttp.object(read).getString("recorded_by"))
        .isEqualTo(EngineKeyAuthentication.CALLER);

    HttpResponse<String> events =
        http.asEngine("GET", runs.resolve("runs/" + id + "/events"), null);
    assertThat(EngineHttp.array(events).getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .as("delivered to the engine after its transaction committed")
        .containsExactlyInAnyOrder(
            "CREATED",
            "STATUS_CHANGED",
            "TASK_UPSERTED",
            "LOGS_APPENDED",
            "AUDIT_APPENDED",
            "STATUS_CHANGED");

    for (String servicePath :
        List.of("api/executions", "api/executions/" + id, "api/export", "api/workflows")) {
      HttpResponse<String> none = http.asEngine("GET", base.toURI().resolve(servicePath), null);
      assertThat(none.statusCode()).as(servicePath + " is not the engine's").isEqualTo(404);
    }
  }

  @Test
  void theEngineArchivesItsRunsThroughTheLibraryAndReadsThemBackWhole() throws Exception {
    URI runs = base.toURI().resolve("api/runs");
    String workflow = "engine-archive-" + UUID.randomUUID();
    String id = EngineHttp.object(http.asEngine("POST", runs, workflow)).getString("id");

    HttpResponse<String> archived = http.asEngine("POST", runs.resolve("runs/archive"), workflow);
    assertThat(archived.statusCode()).as(archived.body()).isEqualTo(200);
    assertThat(EngineHttp.object(archived).getJsonNumber("archived").longValue()).isEqualTo(1);
    assertThat(ArchivedObjects.of(id)).as("the library wrote the run's object").exists();
    JsonObject read = EngineHttp.object(http.asEngine("GET", runs.resolve("runs/" + id), null));
    assertThat(read.getBoolean("archived")).isTrue();
    assertThat(read.getString("status")).isEqualTo("Complete");
    assertThat(read.getInt("tasks")).as("read back whole from its object").isEqualTo(1);
    assertThat(read.getBoolean("valid")).as("its chain verifies from the object").isTrue();
    assertThat(
            EngineHttp.array(http.asEngine("GET", runs.resolve("runs/" + id + "/events"), null))
                .getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .contains("ARCHIVED");

    HttpResponse<String> restored =
        http.asEngine("POST", runs.resolve("runs/" + id + "/restore"), null);
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
    assertThat(EngineHttp.object(restored).getBoolean("archived")).isFalse();
    assertThat(EngineHttp.object(restored).getInt("tasks")).isEqualTo(1);
    assertThat(EngineHttp.object(restored).getBoolean("valid")).isTrue();
    assertThat(ArchivedObjects.of(id))
        .as("the object goes once the restore commits")
        .doesNotExist();
  }
}
