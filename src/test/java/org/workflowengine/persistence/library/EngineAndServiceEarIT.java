package org.workflowengine.persistence.library;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.library.engine.Engine;
import org.workflowengine.persistence.library.engine.EngineKeyAuthentication;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.TestUser;

/**
 * One EAR, one database: the store library as the shared module, the engine's WAR at {@code
 * /engine} recording runs, and the service's own WAR at {@code /service} reading them back over its
 * API with its own authentication.
 */
@ExtendWith(ArquillianExtension.class)
class EngineAndServiceEarIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.enterprise(Engine.class.getPackageName());
  }

  @ArquillianResource URL deployed;

  private final EngineHttp http = new EngineHttp();

  @Test
  void theEngineRecordsAndTheServiceReadsBackWithEachItsOwnAuthentication() throws Exception {
    URI server = deployed.toURI().resolve("/");
    URI engine = server.resolve("engine/api/runs");
    URI service = server.resolve("service/api/");
    String workflow = "ear-" + UUID.randomUUID();

    HttpResponse<String> created = http.asEngine("POST", engine, workflow);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = EngineHttp.object(created).getString("id");

    HttpResponse<String> read =
        http.send(
            "GET",
            service.resolve("executions/" + id),
            null,
            "Authorization",
            TestUser.READER.authorization());
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    JsonObject execution = EngineHttp.object(read);
    assertThat(execution.getString("workflow_name")).isEqualTo(workflow);
    assertThat(execution.getString("status")).isEqualTo("Complete");
    assertThat(execution.getJsonObject("labels").getString("recorded-by"))
        .isEqualTo(EngineKeyAuthentication.CALLER);
    assertThat(execution.getJsonObject("per_task_logs").getJsonArray("only").getString(0))
        .isEqualTo("done");

    HttpResponse<String> listed =
        http.send(
            "GET",
            service.resolve(
                "executions?workflow_name="
                    + URLEncoder.encode(workflow, StandardCharsets.UTF_8)
                    + "&label=recorded-by:"
                    + EngineKeyAuthentication.CALLER),
            null,
            "Authorization",
            TestUser.READER.authorization());
    assertThat(EngineHttp.object(listed).getJsonArray("items")).hasSize(1);

    HttpResponse<String> events =
        http.asEngine("GET", engine.resolve("runs/" + id + "/events"), null);
    assertThat(EngineHttp.array(events).getValuesAs(JsonString.class))
        .extracting(JsonString::getString)
        .as("the store's events reach the engine's observer after the commit")
        .containsExactlyInAnyOrder(
            "CREATED",
            "STATUS_CHANGED",
            "TASK_UPSERTED",
            "LOGS_APPENDED",
            "AUDIT_APPENDED",
            "STATUS_CHANGED");

    assertThat(http.send("GET", service.resolve("executions/" + id), null).statusCode())
        .as("the service still asks for its own credentials")
        .isEqualTo(401);
    assertThat(
            http.send(
                    "GET",
                    engine.resolve("runs/" + id),
                    null,
                    "Authorization",
                    TestUser.OPERATOR.authorization())
                .statusCode())
        .as("and the engine for its own")
        .isEqualTo(401);
  }
}
