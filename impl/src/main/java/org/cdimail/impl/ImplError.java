package org.cdimail.impl;

import org.cdimail.ErrorId;

/**
 * The ids of the errors that the implementation raises, one constant per id with when it is raised:
 * {@code CDIMAIL-00100} to {@code 00199} for rendering MIME ({@code impl.mime}), {@code 00200} to
 * {@code 00399} for the extension, the configuration and the backends, {@code 00600} to {@code 00619}
 * for DKIM signing ({@code impl.dkim}). An id is never reused; one id
 * may start several messages when they tell of one error. Internal, like all of {@code org.cdimail.impl}.
 */
public enum ImplError implements ErrorId {

    /** A message could not be rendered or written as MIME. */
    RENDERING_FAILED(100),

    /** An address in a header does not parse. */
    INVALID_ADDRESS(101),

    /** An address has a non-ASCII local part, which would need SMTPUTF8 (RFC 6531). */
    NON_ASCII_LOCAL_PART(102),

    /** A charset that every JVM supports is missing while encoding a header or display name (a broken JVM). */
    CHARSET_NOT_SUPPORTED(105),

    /** A rendered part is asked to change. */
    READ_ONLY_PART(106),

    /** No transfer encoder is available for a part. */
    NO_ENCODER(107),

    /** A multipart could not be written. */
    MULTIPART_NOT_WRITTEN(108),

    /** An attached message could not be written. */
    ATTACHED_MESSAGE_NOT_WRITTEN(109),

    /** An attachment that is not a leaf part reaches the leaf renderer (a bug). */
    NOT_A_LEAF_ATTACHMENT(110),

    /** A MIME type given for {@code Content-Type} does not parse. */
    BAD_CONTENT_TYPE(111),

    /** A MIME type names a charset this JVM does not support. */
    UNSUPPORTED_MIME_CHARSET(112),

    /** An extra header names one that rendering sets itself. */
    RENDERED_HEADER_GIVEN(113),

    /** No MicroProfile Config is available: rendering uses the default settings (logged at DEBUG). */
    NO_MICROPROFILE_CONFIG(114),

    /** An alternative or an attachment has a {@code multipart/*} type. */
    MULTIPART_PART_TYPE(115),

    /** The default-charset setting names a charset this JVM does not support. */
    UNSUPPORTED_DEFAULT_CHARSET(120),

    /** The use-localtime setting is neither {@code true} nor {@code false}. */
    INVALID_USE_LOCALTIME(121),

    /** An alias's backend key names a backend that does not exist. */
    UNKNOWN_BACKEND(201),

    /** A setting's value cannot be read as its type or is out of range. */
    INVALID_VALUE(202),

    /** Both {@code use-tls} and {@code use-ssl} are true for an alias. */
    TLS_AND_SSL(203),

    /** An address-list setting is malformed. */
    MALFORMED_ADDRESS_LIST(204),

    /** Two backends claim one backend name. */
    DUPLICATE_BACKEND_NAME(205),

    /** A backend claims the name of a built-in backend. */
    BUILT_IN_BACKEND_NAME(206),

    /** An alias has no backend key and is not itself the name of a backend. */
    NO_BACKEND(207),

    /** The file backend of an alias has no {@code file-path}. */
    FILE_PATH_MISSING(208),

    /** The {@code file-path} is not a directory the file backend can write to. */
    FILE_PATH_NOT_WRITABLE(209),

    /** Credentials are configured for an alias that uses neither {@code use-tls} nor {@code use-ssl}. */
    CREDENTIALS_WITHOUT_TLS(210),

    /** A certificate file is set for an alias without TLS: it is ignored (logged at WARNING). */
    CERTFILE_IGNORED(211),

    /** A send fails because the SMTP server of an alias cannot be reached. */
    CANNOT_CONNECT(220),

    /** The SMTP server of an alias refuses the credentials. */
    CREDENTIALS_REFUSED(221),

    /** The SMTP server of an alias refuses some recipients of a message. */
    RECIPIENTS_REFUSED(222),

    /** Sending through the SMTP server of an alias fails after connecting. */
    SEND_FAILED(223),

    /** Credentials would be sent over an unencrypted connection. */
    PLAINTEXT_AUTH_REFUSED(224),

    /** An alias trusts only the certificates of its certificate file (logged at WARNING). */
    TRUSTS_ONLY_CERTFILE(230),

    /** A PEM file setting names a file that cannot be read. */
    PEM_FILE_UNREADABLE(231),

    /** This JVM cannot create a TLS context. */
    NO_TLS_CONTEXT(232),

    /** A key file is set without a certificate file. */
    KEYFILE_WITHOUT_CERTFILE(233),

    /** A certificate file holds no (readable) PEM certificate. */
    NO_PEM_CERTIFICATE(234),

    /** A key file holds no usable PEM private key: none, an encrypted one, or one not matching the certificate. */
    NO_PEM_PRIVATE_KEY(235),

    /** The console backend cannot read a file attachment. */
    CONSOLE_ATTACHMENT_UNREADABLE(240),

    /** The console backend cannot write to its stream. */
    CONSOLE_NOT_WRITTEN(241),

    /** The file backend cannot create a file under its {@code file-path}. */
    FILE_NOT_CREATED(250),

    /** The file backend cannot write to its file. */
    FILE_NOT_WRITTEN(251),

    /** A partly written message file cannot be removed (logged at WARNING). */
    PARTIAL_FILE_NOT_REMOVED(252),

    /** A {@code BackendContext} is injected into a bean that cdi-mail does not create for an alias. */
    BACKEND_CONTEXT_MISPLACED(260),

    /** A custom backend implements neither {@code EmailBackend.deliver} nor {@code EmailBackend.sendMessages}. */
    CUSTOM_BACKEND_WITHOUT_SEND(261),

    /** A backend class is annotated {@code @Backend} (an alias) instead of {@code @BackendType}. */
    BACKEND_QUALIFIER_ON_BACKEND(262),

    /** A built-in backend is given a {@code BackendContext} that is not cdi-mail's own. */
    FOREIGN_BACKEND_CONTEXT(263),

    /** A backend asks for a setting with a key that is not relative. */
    ABSOLUTE_SETTING_KEY(264),

    /** A backend provider's {@code configure} returns {@code null}. */
    CONFIGURE_RETURNED_NULL(265),

    /** A backend returns without attempting any of the messages (fail-silently receipts). */
    NOTHING_ATTEMPTED(266),

    /** The outbox of an alias whose backend keeps no messages is asked for. */
    OUTBOX_WITHOUT_LOCMEM(267),

    /** A {@code mail.*} key is set that nothing reads: it is ignored (a warning). */
    UNKNOWN_KEY(268),

    /** {@code queue.enabled} of an alias is neither {@code true} nor {@code false}. */
    QUEUE_SWITCH_NOT_BOOLEAN(270),

    /** An alias is queued ({@code queue.enabled=true}) but {@code cdi-mail-queue} is not on the class path. */
    QUEUE_ARTIFACT_MISSING(271),

    /** A repeating write-timeout task is given a period that is not positive (a bug). */
    NON_POSITIVE_PERIOD(280),

    /** The SMTP write-timeout thread cannot be started. */
    WRITE_TIMEOUT_THREAD(281),

    /** Every pooled SMTP connection of an alias stays busy for the whole timeout. */
    POOL_EXHAUSTED(282),

    /** A thread is interrupted while waiting for a pooled SMTP connection. */
    POOL_WAIT_INTERRUPTED(283),

    /** A connection is asked of a closed SMTP connection pool. */
    POOL_CLOSED(284),

    /** The Jakarta Mail {@code StreamProvider} lookup cannot be cached. */
    STREAM_PROVIDER_CACHE(285),

    /** A message is begun while another message's transaction is open on the connection. */
    TRANSACTION_IN_PROGRESS(289),

    /** The SMTP server answers a transaction command with a refusal (names the code and command only). */
    TRANSACTION_REFUSED(290),

    /** The SMTP client could not connect (the cause follows the colon). */
    CONNECT_FAILED(291),

    /** TLS is required but the SMTP server does not offer STARTTLS. */
    NO_STARTTLS(292),

    /** Credentials are configured but the SMTP server offers no AUTH mechanism cdi-mail speaks. */
    NO_AUTH_MECHANISM(293),

    /** The SMTP server refuses AUTH. */
    AUTH_REFUSED(294),

    /** A closed SMTP connection is used. */
    CONNECTION_CLOSED(295),

    /** The SMTP connection is lost during a command or the data. */
    CONNECTION_LOST(296),

    /** An SMTP command would contain a control or non-ASCII character (a bug upstream). */
    CONTROL_CHARACTER_IN_COMMAND(297),

    /** The SMTP server sends a malformed reply. */
    MALFORMED_REPLY(298),

    /** The SMTP server closes the connection. */
    SERVER_CLOSED_CONNECTION(299),

    /** An SMTP reply line is too long. */
    REPLY_LINE_TOO_LONG(300),

    /** An SMTP reply has too many lines or bytes. */
    REPLY_TOO_LONG(301),

    /** No complete SMTP reply arrives within the timeout. */
    REPLY_TIMEOUT(302),

    /** The connection is refused: no SMTP server listens at the host and port. */
    CONNECTION_REFUSED(304),

    /** The connection is not made within the timeout. */
    CONNECT_TIMEOUT(305),

    /** The connection is not made for another I/O error. */
    CONNECT_IO_ERROR(306),

    /** The SMTP host is unknown or cannot be resolved. */
    UNKNOWN_HOST(307),

    /** The SMTP host is not resolved within the timeout, or the thread is interrupted while resolving it. */
    HOST_NOT_RESOLVED(308),

    /** The TLS handshake does not finish within the timeout. */
    TLS_HANDSHAKE_TIMEOUT(309),

    /** The SMTP server does not greet within the timeout. */
    GREETING_TIMEOUT(310),

    /** An SMTP transaction state change the protocol does not have (a bug). */
    IMPOSSIBLE_TRANSACTION_STATE(311),

    /** A Jakarta Mail property is set in the old {@code mail.smtp.*} pass-through form. */
    OLD_PASS_THROUGH_FORM(312),

    /** A pass-through property would override a safe default (TLS, verification, timeouts). */
    UNSAFE_PASS_THROUGH(313),

    /** Pass-through properties are set for an alias whose transport is cdi-mail's own client. */
    PASS_THROUGH_WITH_OWN_CLIENT(314),

    /** A message could not be sent (the failure of its receipt). */
    MESSAGE_NOT_SENT(315),

    /** A message is not attempted because its batch stopped at a failure (the reason of its receipt). */
    BATCH_STOPPED(316),

    /** An {@code allowed-recipients} pattern is not a valid glob or {@code regex:} pattern. */
    INVALID_RECIPIENT_PATTERN(320),

    /** {@code disallowed-recipients} is neither {@code refuse} nor {@code fail}. */
    INVALID_DISALLOWED_RECIPIENTS(321),

    /** A message has a recipient outside {@code allowed-recipients} and {@code disallowed-recipients} is {@code fail}. */
    RECIPIENT_NOT_ALLOWED(322),

    /** An {@code AfterSend} or {@code SendFailed} observer threw; logged, the send is not affected. */
    OBSERVER_FAILED(323),

    /** An asynchronous ({@code @ObservesAsync}) observer of a mail event threw; logged. */
    ASYNC_OBSERVER_FAILED(324),

    /** A message was vetoed by a {@code BeforeSend} observer (the failure of its receipt). */
    MESSAGE_VETOED(325),

    /** No recipient of a message is left after the alias's recipient governance (the failure of its receipt). */
    NO_RECIPIENT_ALLOWED(326),

    /** Several {@code AccessTokenProvider} beans qualify for one alias. */
    AMBIGUOUS_TOKEN_PROVIDER(327),

    /** {@code auth-mechanism} names an OAuth mechanism but the alias has no {@code AccessTokenProvider} bean. */
    NO_ACCESS_TOKEN_PROVIDER(350),

    /** {@code auth-mechanism} is not one of the mechanisms cdi-mail speaks. */
    UNKNOWN_AUTH_MECHANISM(351),

    /** An {@code AccessTokenProvider} returned no token, or one that is not printable ASCII. */
    NO_ACCESS_TOKEN(352),

    /**
     * The failure of the receipt of a message held until its JTA transaction commits: it is sent
     * after the commit (when {@code mail.<alias>.transactional=after-commit}), or never on rollback.
     */
    HELD_UNTIL_COMMIT(360),

    /** A message is not sent because the JTA transaction it was given in rolled back (or will). */
    TRANSACTION_ROLLED_BACK(361),

    /** {@code mail.<alias>.transactional} is neither {@code after-commit} nor {@code immediate}. */
    INVALID_TRANSACTIONAL(362),

    /** Messages held until a commit could not be sent after it (logged: the caller has returned). */
    AFTER_COMMIT_SEND_FAILED(363),

    /** A send cannot be held for the commit: the transaction refused the synchronization. */
    TRANSACTION_REGISTRATION_FAILED(364),

    /** An asynchronous send is refused: {@code mail.async.max-pending} sends are pending already. */
    ASYNC_TOO_MANY_PENDING(365),

    /** An asynchronous send is refused: the container is stopping. */
    ASYNC_STOPPING(366),

    /** An asynchronous send was not finished when the container stopped ({@code mail.async.shutdown-timeout}). */
    ASYNC_NOT_SENT_AT_SHUTDOWN(367),

    /** The executor (the container's {@code ManagedExecutorService}, or cdi-mail's) refused an asynchronous send. */
    ASYNC_REJECTED(368),

    /** The JNDI name of a container mail session names nothing. */
    NO_JNDI_SESSION(380),

    /** The JNDI name of a container mail session names something that is not a {@code jakarta.mail.Session}. */
    NOT_A_MAIL_SESSION(381),

    /** A readiness check's SMTP probe did not finish within the alias's timeout. */
    HEALTH_NO_ANSWER(390),

    /** A queued alias has more messages waiting than {@code health.queue.max-pending}. */
    HEALTH_QUEUE_BACKLOG(391),

    /** A queued alias has more dead letters than {@code health.queue.max-dead}. */
    HEALTH_DEAD_LETTERS(392),

    /** A readiness check could not count a queued alias's messages. */
    HEALTH_QUEUE_NOT_COUNTED(393),

    /** A health threshold is not a whole number of zero or more. */
    HEALTH_BAD_THRESHOLD(394),

    /** A readiness check's probe failed in a way that names no error of cdi-mail's. */
    HEALTH_PROBE_FAILED(395),

    /** An alias's monitor was asked for before the aliases were known. */
    MONITOR_TOO_EARLY(396),

    /** DKIM is configured for an alias without its domain, selectors or private keys (a selector without a key). */
    DKIM_INCOMPLETE(600),

    /** An alias's DKIM selectors and private keys are not as many. */
    DKIM_SELECTOR_COUNT(601),

    /** A DKIM private key file cannot be read. */
    DKIM_KEY_UNREADABLE(602),

    /** A DKIM private key file is not an unencrypted PKCS#8 PEM key. */
    DKIM_KEY_NOT_PKCS8(603),

    /** A DKIM private key is neither RSA nor Ed25519. */
    DKIM_KEY_ALGORITHM(604),

    /** A DKIM RSA key is shorter than 2048 bits. */
    DKIM_RSA_KEY_TOO_SHORT(605),

    /** DKIM alignment is required and the default sender's domain is not the signing domain or under it. */
    DKIM_DEFAULT_FROM_NOT_ALIGNED(606),

    /** DKIM alignment is required and a message's From domain is not the signing domain or under it. */
    DKIM_FROM_NOT_ALIGNED(607),

    /** The DKIM canonicalization is not two of simple and relaxed. */
    DKIM_BAD_CANONICALIZATION(608),

    /** A DKIM domain or selector is not a DNS name. */
    DKIM_BAD_NAME(609),

    /** A message to sign has no From header (a bug: the renderer always writes one). */
    DKIM_NO_FROM(610),

    /** The JDK's crypto failed to hash or sign. */
    DKIM_CRYPTO_FAILED(611),

    /** A rendered message could not be written for DKIM signing. */
    DKIM_NOT_WRITTEN(612);

    private final int number;

    ImplError(int number) {
        this.number = number;
    }

    /**
     * The number of this error, 100 to 399 or 600 to 619 in the implementation.
     *
     * @return the number, such as 100 for {@code RENDERING_FAILED}
     */
    @Override
    public int number() {
        return number;
    }

    /**
     * The id.
     *
     * @return {@link #id()}
     */
    @Override
    public String toString() {
        return id();
    }
}
