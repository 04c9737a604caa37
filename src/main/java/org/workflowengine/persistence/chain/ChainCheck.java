package org.workflowengine.persistence.chain;

import jakarta.json.JsonObject;
import java.util.List;
import org.workflowengine.persistence.json.JsonFormats;

/**
 * Checks a stored chain: links in the order they are read back (by position), each at the next
 * position, each hashing to what is stored with it from the previous one, ending at the head the
 * execution keeps, with the execution's record as its last {@code status} link says. Reports the
 * first link that breaks any of these.
 */
public final class ChainCheck {

  private ChainCheck() {}

  /**
   * @param executionId whose chain it is
   * @param links the stored links, ordered by position (then row id)
   * @param head the head stored on the execution
   * @param count the number of links stored on the execution
   * @param record the execution's record as stored now, in the form of {@link ChainLink#status} but
   *     for its {@code at}; compared with the last {@code status} link's
   */
  public static ChainVerification verify(
      String executionId, List<StoredLink> links, String head, long count, JsonObject record) {
    String previous = ChainLink.GENESIS;
    ChainLink lastStatus = null;
    long expected = 1;
    for (int i = 0; i < links.size(); i++, expected++) {
      StoredLink stored = links.get(i);
      ChainLink link = stored.link();
      if (link.position() != expected) {
        String problem =
            link.position() < expected
                ? "a second link at position " + link.position() + " (one was inserted)"
                : "no link at position " + expected + " (one was removed)";
        return broken(links.size(), head, link.kind().wireName(), expected, problem);
      }
      if (i + 1 < links.size() && links.get(i + 1).link().position() == expected) {
        return broken(
            links.size(),
            head,
            link.kind().wireName(),
            expected,
            "more than one link at position " + expected + " (one was inserted)");
      }
      String hash = link.hash(executionId, previous);
      if (!hash.equals(stored.storedHash())) {
        return broken(
            links.size(),
            head,
            link.kind().wireName(),
            expected,
            "its values or its place do not hash to the hash stored with it (it was changed,"
                + " moved, or inserted)");
      }
      if (link.kind() == ChainLink.Kind.STATUS) {
        lastStatus = link;
      }
      previous = hash;
    }
    long found = links.size();
    String last =
        found == 0
            ? ChainLink.Kind.STATUS.wireName()
            : links.get((int) found - 1).link().kind().wireName();
    if (found < count) {
      return broken(
          found,
          head,
          last,
          found + 1,
          "the execution records "
              + count
              + " links; from position "
              + (found + 1)
              + " on they are missing (removed)");
    }
    if (found > count) {
      return broken(
          found,
          head,
          links.get((int) count).link().kind().wireName(),
          count + 1,
          "the execution records "
              + count
              + " links; this one and any after are not its own"
              + " (inserted)");
    }
    if (!previous.equals(head == null ? ChainLink.GENESIS : head)) {
      return broken(
          found,
          head,
          last,
          Math.max(found, 1),
          "the execution's head is not its last link's hash");
    }
    if (lastStatus == null) {
      return broken(
          found,
          head,
          ChainLink.Kind.STATUS.wireName(),
          1,
          "the chain has no record of the execution");
    }
    if (!withoutAt(lastStatus.entry()).equals(withoutAt(record))) {
      return broken(
          found,
          head,
          ChainLink.Kind.STATUS.wireName(),
          lastStatus.position(),
          "the execution's record (status, outcome, completion, snapshot, name) is not what"
              + " its last status link says");
    }
    return new ChainVerification(true, found, head, null);
  }

  private static JsonObject withoutAt(JsonObject entry) {
    return JsonFormats.PROVIDER.createObjectBuilder(entry).remove("at").build();
  }

  private static ChainVerification broken(
      long found, String head, String kind, long position, String problem) {
    return new ChainVerification(
        false, found, head, new ChainVerification.Broken(kind, position, problem));
  }
}
