package org.workflowengine.persistence.batchjobs;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * For the console's picture of a recorded batch job, in a test deployment only: {@code POST
 * /batch-demo} runs the pricing job on orders with a bad line (it fails), fixes the line and
 * restarts it (it completes), and answers the ids of both runs as JSON, once both are recorded.
 */
@WebServlet("/batch-demo")
public class PricingDemoServlet extends HttpServlet {

  private static final Set<BatchStatus> ENDED =
      Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.ABANDONED);

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
      awaitEnd(operator, failed);
      OrderBook.fix(batch, 27, "o27:30");
      long restarted = operator.restart(failed, parameters);
      awaitEnd(operator, restarted);
      response.setContentType("application/json");
      response
          .getWriter()
          .write(
              Json.createObjectBuilder()
                  .add("failed", runId(operator, failed))
                  .add("restarted", runId(operator, restarted))
                  .build()
                  .toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.sendError(503);
    }
  }

  private static void awaitEnd(JobOperator operator, long execution) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    // ended once it has an end time, which both runtimes set after the job listeners ran
    while (!ENDED.contains(operator.getJobExecution(execution).getBatchStatus())
        || operator.getJobExecution(execution).getEndTime() == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("job execution " + execution + " did not end");
      }
      Thread.sleep(50);
    }
  }

  private static String runId(JobOperator operator, long execution) {
    JobExecution job = operator.getJobExecution(execution);
    return RunIds.of(operator.getJobInstance(execution).getInstanceId(), job);
  }
}
