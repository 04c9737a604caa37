package org.workflowengine.persistence.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Stores an {@link Instant} as a UTC wall-clock {@code TIMESTAMP}.
 *
 * <p>Why: Jakarta Persistence 3.1 has no portable mapping for {@code Instant}, and going through
 * {@code java.sql.Timestamp} would store the server's local time, so two servers in different time
 * zones would read different instants from one row. {@code LocalDateTime} in UTC is portable across
 * EclipseLink and Hibernate and across Derby and PostgreSQL.
 */
@Converter(autoApply = true)
public class UtcInstantConverter implements AttributeConverter<Instant, LocalDateTime> {

  @Override
  public LocalDateTime convertToDatabaseColumn(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  @Override
  public Instant convertToEntityAttribute(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  /**
   * An instant from a query's scalar result, which may be converted already or be the column's raw
   * value, depending on the query and the provider: UTC wall-clock time in either case.
   */
  public static Instant fromQueryResult(Object value) {
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    return value instanceof LocalDateTime utc ? utc.toInstant(ZoneOffset.UTC) : (Instant) value;
  }
}
