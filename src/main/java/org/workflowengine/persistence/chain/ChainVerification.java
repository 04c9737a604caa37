package org.workflowengine.persistence.chain;

/**
 * What checking an execution's chain found.
 *
 * @param valid whether every link and the execution's head agree
 * @param links how many links were found
 * @param head the head the execution keeps (the last link's hash when valid)
 * @param firstBroken the first link that does not agree, or null when valid
 */
public record ChainVerification(boolean valid, long links, String head, Broken firstBroken) {

  /**
   * The first place the chain does not hold.
   *
   * @param kind the kind of the link found there ({@code audit}, {@code error}, {@code log}, {@code
   *     status})
   * @param position its position in the chain, from 1
   * @param problem what is wrong, in words
   */
  public record Broken(String kind, long position, String problem) {}
}
