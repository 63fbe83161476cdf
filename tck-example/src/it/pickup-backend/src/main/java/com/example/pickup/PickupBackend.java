package com.example.pickup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.Dependent;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.spi.BackendType;
import org.cdimail.spi.EmailBackend;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Drops each message into the pickup directory {@code pickup.directory}, as an MTA's pickup
 * service reads it: {@code <id>.eml}, and {@code <id>.envelope} with the sender on the first
 * line and one recipient a line. Selected with {@code mail.backend=pickup}.
 */
@Dependent
@BackendType("pickup")
public class PickupBackend implements EmailBackend {

    @Override
    public int sendMessages(List<EmailMessage> messages) {
        Path directory = Path.of(ConfigProvider.getConfig().getValue("pickup.directory", String.class));
        String defaultFrom = ConfigProvider.getConfig().getOptionalValue("mail.default-from", String.class)
                .orElse("webmaster@localhost");
        int sent = 0;
        for (EmailMessage message : messages) {
            if (message.recipients().isEmpty()) {
                continue;
            }
            String envelope = EnvelopeAddress.of(message.from().orElse(defaultFrom)) + "\n" + String.join("\n",
                    message.recipients().stream().map(EnvelopeAddress::of).toList()) + "\n";
            String id = String.format("%019d-%s", System.nanoTime(), UUID.randomUUID());
            try {
                Files.createDirectories(directory);
                Path part = directory.resolve(id + ".part");
                try (OutputStream out = Files.newOutputStream(part)) {
                    message.writeTo(out);
                }
                Files.writeString(directory.resolve(id + ".envelope"), envelope, StandardCharsets.UTF_8);
                Files.move(part, directory.resolve(id + ".eml"));
            } catch (IOException e) {
                throw new MailException("PICKUP-1: the pickup directory is not writable", e);
            }
            sent++;
        }
        return sent;
    }
}
