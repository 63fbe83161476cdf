package org.cdimail;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Guesses a MIME type from a file name, as Python's {@code mimetypes.guess_type} does for Django. */
final class MimeTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain"), Map.entry("text", "text/plain"), Map.entry("log", "text/plain"),
            Map.entry("csv", "text/csv"), Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
            Map.entry("css", "text/css"), Map.entry("md", "text/markdown"), Map.entry("ics", "text/calendar"),
            Map.entry("vcf", "text/vcard"), Map.entry("xml", "text/xml"), Map.entry("js", "text/javascript"),
            Map.entry("json", "application/json"), Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"), Map.entry("rtf", "application/rtf"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("svg", "image/svg+xml"),
            Map.entry("ico", "image/vnd.microsoft.icon"), Map.entry("bmp", "image/bmp"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/x-wav"), Map.entry("ogg", "audio/ogg"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("eml", "message/rfc822"), Map.entry("mht", "message/rfc822"));

    private MimeTypes() {
    }

    static Optional<String> guess(String filename) {
        int dot = filename.lastIndexOf('.');
        if (dot >= 0 && dot < filename.length() - 1) {
            String type = BY_EXTENSION.get(filename.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (type != null) {
                return Optional.of(type);
            }
        }
        return Optional.ofNullable(URLConnection.getFileNameMap().getContentTypeFor(filename));
    }
}
