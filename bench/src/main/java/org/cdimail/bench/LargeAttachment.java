package org.cdimail.bench;

import java.nio.file.Path;
import java.util.Map;

import org.cdimail.EmailMessage;

/**
 * A message with a large file attachment sent over SMTP, in whatever heap the JVM was given
 * ({@code -Xmx64m} in the script, which measures the process's peak RSS from outside). With
 * {@code idle} the program starts the same container and sends nothing: the baseline.
 *
 * <p>Arguments: host port file send|idle.
 */
public final class LargeAttachment {

    private LargeAttachment() {
    }

    public static void main(String[] args) {
        String host = args[0];
        String port = args[1];
        Path file = Path.of(args[2]);
        boolean send = args[3].equals("send");
        try (Container container = Container.start(true, Map.of("mail.host", host, "mail.port", port))) {
            long start = System.nanoTime();
            int sent = 0;
            if (send) {
                EmailMessage message = EmailMessage.builder().subject("Large attachment").body("See the file.")
                        .from(Fixtures.FROM).to(Fixtures.TO).attachFile(file).build();
                sent = container.mailer().send(message);
                OneConnection.check(sent, 1);
            } else {
                container.mailer().alias();
            }
            Results.print("memory." + args[3] + ".seconds", (System.nanoTime() - start) / 1e9);
            Results.print("memory." + args[3] + ".maxheap-mb", Runtime.getRuntime().maxMemory() / 1048576.0);
        }
    }
}
