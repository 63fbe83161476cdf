/** The {@code file} backend: one file per opened connection under {@code mail.file-path}. */
package org.cdimail.impl.backend.file;
