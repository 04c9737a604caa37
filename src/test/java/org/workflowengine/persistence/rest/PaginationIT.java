package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.testing.ApiClient;
import org.workflowengine.persistence.testing.Deployments;

/** Keyset pagination: a walk sees every matching row exactly once, even while rows arrive. */
@ExtendWith(ArquillianExtension.class)
class PaginationIT {

  private static final int ROWS = 1_000;
  private static final int PAGE = 7;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;

  @Test
  void aWalkOfAThousandRowsBySevensSeesEachOnceWhileOthersInsert() throws Exception {
    String name = unique("walked");
    Instant start = Instant.parse("2025-03-01T00:00:00Z");
    List<String> existing = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      existing.add(String.format("%s-%04d", name, i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      // Three rows share each creation time, so the id tie-break is exercised on every page.
      List<Future<Integer>> created = new ArrayList<>();
      for (int worker = 0; worker < 4; worker++) {
        int first = worker;
        created.add(
            pool.submit(
                () -> {
                  int statusSum = 0;
                  try (ApiClient api = new ApiClient(base)) {
                    for (int i = first; i < ROWS; i += 4) {
                      JsonObject row =
                          Json.createObjectBuilder(pendingExecution(existing.get(i), name))
                              .add("created_at", start.plusSeconds(i / 3).toString())
                              .build();
                      try (Response response = api.post("executions", row)) {
                        statusSum += response.getStatus() == 201 ? 1 : 0;
                      }
                    }
                  }
                  return statusSum;
                }));
      }
      int stored = 0;
      for (Future<Integer> future : created) {
        stored += future.get(5, TimeUnit.MINUTES);
      }
      assertThat(stored).isEqualTo(ROWS);

      AtomicBoolean walking = new AtomicBoolean(true);
      AtomicInteger insertedDuringWalk = new AtomicInteger();
      Future<?> inserter =
          pool.submit(
              () -> {
                try (ApiClient api = new ApiClient(base)) {
                  while (walking.get()) {
                    try (Response response =
                        api.post("executions", pendingExecution(unique(name), name))) {
                      if (response.getStatus() == 201) {
                        insertedDuringWalk.incrementAndGet();
                      }
                    }
                  }
                }
                return null;
              });

      List<String> walked = new ArrayList<>();
      int pages = 0;
      try (ApiClient api = new ApiClient(base)) {
        String cursor = null;
        do {
          var target =
              api.api("executions").queryParam("workflow_name", name).queryParam("limit", PAGE);
          if (cursor != null) {
            target = target.queryParam("cursor", cursor);
          }
          JsonObject page = json(target.request().get());
          page.getJsonArray("items")
              .getValuesAs(JsonObject.class)
              .forEach(i -> walked.add(i.getString("id")));
          cursor = page.get("next_cursor") == JsonValue.NULL ? null : page.getString("next_cursor");
          pages++;
        } while (cursor != null);
      } finally {
        walking.set(false);
        inserter.get(1, TimeUnit.MINUTES);
      }

      Set<String> seen = new HashSet<>(walked);
      assertThat(seen).as("no row twice").hasSameSizeAs(walked);
      assertThat(seen).containsAll(existing);
      assertThat(walked.stream().filter(existing::contains))
          .as("the stored rows newest first, ties by id descending")
          .containsExactlyElementsOf(expectedOrder(existing));
      assertThat(insertedDuringWalk.get()).as("rows really arrived during the walk").isPositive();
      assertThat(pages).isGreaterThanOrEqualTo(ROWS / PAGE);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Row i was created at start + i/3 seconds: newest first, then id descending. */
  private static List<String> expectedOrder(List<String> ids) {
    List<String> order = new ArrayList<>();
    for (int group = (ROWS - 1) / 3; group >= 0; group--) {
      for (int i = Math.min(ROWS - 1, group * 3 + 2); i >= group * 3; i--) {
        order.add(ids.get(i));
      }
    }
    return order;
  }
}
