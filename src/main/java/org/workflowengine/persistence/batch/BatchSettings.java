package org.workflowengine.persistence.batch;

import java.time.Duration;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * How batch jobs are recorded, from MicroProfile Config ({@code executions.batch.*}, any config
 * source of the server: system properties, environment variables as {@code EXECUTIONS_BATCH_…}).
 *
 * @param idPrefix what a run's id starts with: {@code <prefix>-<instance>-<execution>-<created>}
 * @param labelPrefix what a job parameter's label key starts with
 * @param labelInclude the job parameters (by name) that become labels
 * @param labelExclude the job parameters never to become labels, whatever {@code labelInclude}
 *     says: by default every name that looks like it holds a secret
 * @param strict whether a failure to record fails the job (by default it is logged and counted)
 * @param logInterval how long the step listener gathers chunks into one log line: a step of many
 *     quick chunks does not write a line, and a link of its chain, per chunk
 */
public record BatchSettings(
    String idPrefix,
    String labelPrefix,
    Pattern labelInclude,
    Pattern labelExclude,
    boolean strict,
    Duration logInterval) {

  /** Job parameters whose names say they hold a secret. */
  public static final String SECRETS =
      "(?i).*(password|passwd|pwd|secret|token|credential|api[-_.]?key|private[-_.]?key).*";

  /** The settings {@code config} gives, each with its default. */
  public static BatchSettings of(Config config) {
    return new BatchSettings(
        config.getOptionalValue("executions.batch.id-prefix", String.class).orElse("batch"),
        config
            .getOptionalValue("executions.batch.labels.prefix", String.class)
            .orElse("batch.param."),
        Pattern.compile(
            config.getOptionalValue("executions.batch.labels.include", String.class).orElse(".*")),
        Pattern.compile(
            config
                .getOptionalValue("executions.batch.labels.exclude", String.class)
                .orElse(SECRETS)),
        config.getOptionalValue("executions.batch.strict", Boolean.class).orElse(false),
        config
            .getOptionalValue("executions.batch.log-interval", Duration.class)
            .orElse(Duration.ofSeconds(1)));
  }
}
