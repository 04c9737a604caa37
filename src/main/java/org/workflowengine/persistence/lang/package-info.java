/** What the code needs of the Java language itself: the walk along an exception's causes. */
package org.workflowengine.persistence.lang;
