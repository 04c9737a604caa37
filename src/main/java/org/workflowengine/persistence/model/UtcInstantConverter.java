package org.workflowengine.persistence.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
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
}
