package org.workflowengine.persistence.metrics;

import org.eclipse.microprofile.config.Config;

/**
 * How the metrics behave, from MicroProfile Config ({@code executions.metrics.*}, any config source
 * of the server: system properties, environment variables as {@code EXECUTIONS_METRICS_…}).
 *
 * @param enabled whether the service measures and answers {@code /api/metrics} at all
 * @param workflowLabel whether the run counters carry the workflow's name as a label
 * @param workflowLabelMax how many distinct workflow names get a label of their own; the runs of
 *     the others are counted under {@value StoreMetrics#OTHER_WORKFLOWS}
 */
public record MetricsSettings(boolean enabled, boolean workflowLabel, int workflowLabelMax) {

  /** The settings {@code config} gives, each with its default. */
  public static MetricsSettings of(Config config) {
    int max =
        config.getOptionalValue("executions.metrics.workflow-label.max", Integer.class).orElse(50);
    if (max < 1) {
      throw new IllegalArgumentException(
          "executions.metrics.workflow-label.max must be at least 1, not " + max);
    }
    return new MetricsSettings(
        config.getOptionalValue("executions.metrics.enabled", Boolean.class).orElse(true),
        config.getOptionalValue("executions.metrics.workflow-label", Boolean.class).orElse(false),
        max);
  }
}
