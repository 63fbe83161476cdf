/**
 * DKIM signing (RFC 6376, RFC 8463), the pipeline's {@code sign} stage: {@link
 * org.cdimail.impl.dkim.DkimSettings} reads an alias's {@code mail.<alias>.dkim.*} keys at
 * deployment and gives the {@link org.cdimail.impl.mime.MessageSigner} its renderer applies to
 * every rendered message. Internal: nothing here is API.
 *
 * <p>One job per class: {@link org.cdimail.impl.dkim.Canonicalization} (simple and relaxed,
 * header fields), {@link org.cdimail.impl.dkim.BodyCanonicalizer} (the body, streamed),
 * {@link org.cdimail.impl.dkim.RenderedParts} (splits the bytes that leave into header fields and
 * body), {@link org.cdimail.impl.dkim.SignedHeaders} (which fields {@code h=} lists),
 * {@link org.cdimail.impl.dkim.SigningKey} (one per algorithm), {@link
 * org.cdimail.impl.dkim.PemKeys} (key files), {@link org.cdimail.impl.dkim.SignatureField} (the
 * {@code DKIM-Signature} text), {@link org.cdimail.impl.dkim.DkimSigner} (the two passes) and
 * {@link org.cdimail.impl.dkim.SignedMessage} (the signed message written by every backend).
 * Message ids {@code CDIMAIL-00600}–{@code 00619}.
 */
package org.cdimail.impl.dkim;
