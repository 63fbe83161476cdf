/** Every configuration key ({@link org.cdimail.impl.config.MailKey}) and its typed, per-alias reading. */
package org.cdimail.impl.config;
