/**
 * Mail only when the JTA transaction commits ({@code mail.<alias>.transactional}): the state of
 * the caller's transaction, found through JNDI without needing the JTA API on the class path, and
 * the connection stage that holds sends until the commit. Internal.
 */
package org.cdimail.impl.tx;
