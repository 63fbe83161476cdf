/**
 * What the build proves about the newcomer's tests, without touching them: that no test reached
 * the SMTP server the shop's configuration names ({@link org.cdimail.example.shop.proof.CountingSmtpPeer},
 * {@link org.cdimail.example.shop.proof.NoRealMailWasSentTest}), that this check can fail
 * ({@link org.cdimail.example.shop.proof.SmtpPeerSelfTest}), and that the README's test example
 * is the one the build runs ({@link org.cdimail.example.shop.proof.ReadmeSnippetsTest}).
 */
package org.cdimail.example.shop.proof;
