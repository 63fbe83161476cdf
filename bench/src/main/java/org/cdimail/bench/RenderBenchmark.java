package org.cdimail.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.mime.RenderSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Messages rendered per second: an {@link EmailMessage} rendered by cdi-mail's renderer (what
 * every backend does) and written out, against the same message built with Jakarta Mail and
 * written out. Writing is part of rendering: Jakarta Mail encodes parts only then.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RenderBenchmark {

    private final OutputStream sink = OutputStream.nullOutputStream();
    private MimeRenderer renderer;
    private Session session;
    private EmailMessage plain;
    private EmailMessage html;
    private EmailMessage attachments;

    @Setup
    public void prepare() {
        renderer = new MimeRenderer(RenderSettings.defaults());
        session = Fixtures.session("localhost", 25);
        plain = Fixtures.plain(1);
        html = Fixtures.html();
        attachments = Fixtures.withAttachments();
    }

    @Benchmark
    public MimeMessage plainCdiMail() throws IOException, MessagingException {
        return written(renderer.render(plain, session));
    }

    @Benchmark
    public MimeMessage plainJakartaMail() throws IOException, MessagingException {
        return written(Fixtures.rawPlain(session, 1));
    }

    @Benchmark
    public MimeMessage htmlCdiMail() throws IOException, MessagingException {
        return written(renderer.render(html, session));
    }

    @Benchmark
    public MimeMessage htmlJakartaMail() throws IOException, MessagingException {
        return written(Fixtures.rawHtml(session));
    }

    @Benchmark
    public MimeMessage attachmentsCdiMail() throws IOException, MessagingException {
        return written(renderer.render(attachments, session));
    }

    @Benchmark
    public MimeMessage attachmentsJakartaMail() throws IOException, MessagingException {
        return written(Fixtures.rawWithAttachments(session));
    }

    private MimeMessage written(MimeMessage message) throws IOException, MessagingException {
        message.writeTo(sink);
        return message;
    }
}
