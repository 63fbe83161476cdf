/**
 * JUnit 5 support for applications that send mail with cdi-mail: {@link org.cdimail.junit.MailTest}.
 */
package org.cdimail.junit;
