package org.cdimail.impl.backend.file;

import static org.cdimail.impl.ImplError.FILE_PATH_MISSING;

import java.nio.file.Path;

import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailKey;
import org.cdimail.spi.BackendContext;
import org.cdimail.spi.BackendFactory;
import org.cdimail.spi.BackendProvider;

/** Registers {@code file}: {@code mail.file-path} is required and checked at deployment. */
public final class FileProvider implements BackendProvider {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public BackendFactory configure(BackendContext context) {
        AliasContext alias = AliasContext.of(context);
        Path directory = alias.settings().filePath().orElseThrow(() -> new InvalidSettingException(
                MailKey.FILE_PATH.key(), FILE_PATH_MISSING.message("the file backend of alias '" + alias.alias()
                        + "' needs " + MailKey.FILE_PATH.key(alias.alias()) + " or " + MailKey.FILE_PATH.key())));
        FileDirectory.check(directory, alias.keyOf(MailKey.FILE_PATH));
        return connection -> new FileBackend(directory, alias.mimeRenderer(), connection.failSilently());
    }
}
