/**
 * Who the caller is: HTTP Basic as a Jakarta Security mechanism over a users file of salted
 * password hashes, the roles, and the command that edits the users file.
 */
package org.workflowengine.persistence.security;
