package org.workflowengine.persistence.chain;

/** A link as read from the database: its values and the hash stored with it (null if none). */
public record StoredLink(ChainLink link, String storedHash) {}
