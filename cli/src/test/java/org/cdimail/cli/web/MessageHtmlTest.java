package org.cdimail.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MessageHtmlTest {

    private static final String PARTS = "http://127.0.0.1:8025/api/v1/message/7/part/";

    @Test
    void rewritesCidReferencesInAttributesAndCssToTheirPartUrls() {
        String html = "<img src=\"cid:logo\"><img src='cid:a%40b'><img src=cid:logo>"
                + "<td style=\"background:url(cid:logo)\"><img src=\"cid:unknown\"><p>write cid:logo in text</p>";

        String rewritten = MessageHtml.withPartUrls(html, Map.of("logo", 2, "a@b", 3), PARTS);

        assertThat(rewritten).isEqualTo("<img src=\"" + PARTS + "2\"><img src='" + PARTS + "3'><img src=" + PARTS + "2>"
                + "<td style=\"background:url(" + PARTS + "2)\"><img src=\"cid:unknown\"><p>write cid:logo in text</p>");
    }

    @Test
    void seesRemoteImagesStylesAndFontsButNotLinks() {
        assertThat(MessageHtml.hasRemoteContent("<img src=\"https://tracker.example/p.gif\">")).isTrue();
        assertThat(MessageHtml.hasRemoteContent("<img SRC = '//cdn.example/a.png'>")).isTrue();
        assertThat(MessageHtml.hasRemoteContent("<td background=\"http://x.example/b.png\">")).isTrue();
        assertThat(MessageHtml.hasRemoteContent("<link rel=\"stylesheet\" href=\"https://x.example/s.css\">")).isTrue();
        assertThat(MessageHtml.hasRemoteContent("<div style=\"background: url('https://x.example/b.png')\">")).isTrue();
        assertThat(MessageHtml.hasRemoteContent("<style>@import 'https://x.example/s.css';</style>")).isTrue();
        assertThat(MessageHtml.hasRemoteContent("<a href=\"https://example.com\">a link</a><img src=\"cid:logo\">")).isFalse();
        assertThat(MessageHtml.hasRemoteContent("<img src=\"data:image/png;base64,AAAA\">")).isFalse();
    }

    @Test
    void sandboxesTheFrameAndAllowsRemoteContentOnlyWhenAsked() {
        String strict = MessageHtml.policy(PARTS, "http://127.0.0.1:8025", false);
        String remote = MessageHtml.policy(PARTS, "http://127.0.0.1:8025", true);

        assertThat(strict).startsWith("sandbox; default-src 'none';")
                .contains("img-src " + PARTS + " data:;", "style-src 'unsafe-inline';", "frame-ancestors http://127.0.0.1:8025")
                .doesNotContain("http:;", "https:", "script-src", "allow-");
        assertThat(remote).startsWith("sandbox; default-src 'none';")
                .contains("img-src " + PARTS + " data: http: https:;", "style-src 'unsafe-inline' http: https:;")
                .doesNotContain("script-src", "allow-");
    }
}
