package org.workflowengine.persistence.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads NDJSON one line at a time as bytes, so that a line is held in memory only up to {@link
 * JsonInput#MAX_BYTES} (a longer one is skipped to its end and reported, never buffered whole) and
 * decoded strictly as UTF-8: an invalid byte sequence is a problem of that line, never a
 * replacement character and never a failure of the whole read.
 */
public final class JsonLines implements AutoCloseable {

  /** One line: its number (from 1), and either its text or what is wrong with it. */
  public record Line(long number, String text, String problem) {

    /** True when the line holds nothing but white space. */
    public boolean isBlank() {
      return problem == null && text.isBlank();
    }
  }

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int filled;
  private long number;
  private boolean ended;

  public JsonLines(InputStream in) {
    this(in, JsonInput.MAX_BYTES);
  }

  JsonLines(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /**
   * The next line, or null at the end.
   *
   * @throws IOException if the stream cannot be read
   */
  public Line next() throws IOException {
    if (ended) {
      return null;
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean tooLong = false;
    boolean any = false;
    int b;
    while ((b = read()) != -1 && b != '\n') {
      any = true;
      if (tooLong) {
        continue;
      }
      if (line.size() == maxBytes) {
        tooLong = true;
        line.reset();
      } else {
        line.write(b);
      }
    }
    if (b == -1) {
      ended = true;
      if (!any) {
        return null;
      }
    }
    number++;
    if (tooLong) {
      return new Line(number, null, "is longer than " + maxBytes + " bytes");
    }
    byte[] bytes = line.toByteArray();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      length--;
    }
    byte[] content = length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
    try {
      return new Line(number, JsonInput.decode(content), null);
    } catch (InvalidJsonException e) {
      return new Line(number, null, e.getMessage());
    }
  }

  private int read() throws IOException {
    if (position == filled) {
      filled = in.read(buffer);
      position = 0;
      if (filled <= 0) {
        filled = 0;
        return -1;
      }
    }
    return buffer[position++] & 0xff;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
