package org.workflowengine.persistence.batchjobs;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * For the console's picture of a recorded batch job, in a test deployment only: {@code POST
 * /batch-demo} runs the pricing job on orders with a bad line (it fails), fixes the line and
 * restarts it (it completes), and answers the ids of both runs as JSON, once both are recorded.
 */
@WebServlet("/batch-demo")
public class PricingDemoServlet extends HttpServlet {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String batch = "orders-" + System.currentTimeMillis();
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      orders.add("o" + i + ":" + (i % 5 == 0 ? "5" : "12." + i));
    }
    orders.set(27, "o27:twelve");
    OrderBook.load(batch, orders);
    Properties parameters = new Properties();
    parameters.setProperty("batch", batch);
    parameters.setProperty("region", "EU");
    JobOperator operator = BatchRuntime.getJobOperator();
    try {
      long failed = operator.start("pricing", parameters);
      BatchJobs.awaitEnd(operator, failed, WAIT);
      OrderBook.fix(batch, 27, "o27:30");
      long restarted = operator.restart(failed, parameters);
      BatchJobs.awaitEnd(operator, restarted, WAIT);
      response.setContentType("application/json");
      response
          .getWriter()
          .write(
              Json.createObjectBuilder()
                  .add("failed", BatchJobs.runIdOf(operator, failed))
                  .add("restarted", BatchJobs.runIdOf(operator, restarted))
                  .build()
                  .toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.sendError(503);
    }
  }
}
