package org.cdimail.queue;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailKey;

/**
 * The queue's settings of one alias ({@code mail.<alias>.queue.*}, else {@code mail.queue.*}).
 *
 * @param alias        the alias
 * @param directory    {@code queue.directory}: the embedded broker's journal
 * @param url          {@code queue.url}: a remote broker, or empty for the embedded one
 * @param connectionFactory {@code queue.connection-factory}: the JNDI name of an application
 *                     server's connection factory, or empty
 * @param consumers    {@code queue.consumers}
 * @param inAppConsumers {@code queue.in-app-consumers}: consumers started with the alias
 * @param initialDelay {@code queue.retry.initial-delay}
 * @param maxDelay     {@code queue.retry.max-delay}
 * @param maxAge       {@code queue.max-age}
 * @param rate         {@code queue.rate}, messages per second; 0 for no limit
 */
record QueueSettings(String alias, Path directory, Optional<String> url, Optional<String> connectionFactory,
        int consumers, int inAppConsumers, Duration initialDelay, Duration maxDelay, Duration maxAge, double rate) {

    /** The JMS queue of the alias's messages. */
    String queueName() {
        return "cdimail." + alias;
    }

    /** The JMS queue of the alias's dead letters. */
    String deadLetterQueueName() {
        return "cdimail." + alias + ".dead";
    }

    /**
     * Reads the settings.
     *
     * @param context the alias
     * @return the settings
     * @throws InvalidSettingException naming the key of a value that cannot be used
     */
    static QueueSettings of(AliasContext context) {
        Reader reader = new Reader(context);
        Path directory = reader.path(MailKey.QUEUE_DIRECTORY);
        Optional<String> url = reader.value(MailKey.QUEUE_URL).filter(s -> !s.isBlank()).map(String::strip);
        if (url.isPresent() && !url.get().startsWith("tcp://")) {
            throw reader.invalid(MailKey.QUEUE_URL, "must be tcp://host:port");
        }
        Optional<String> connectionFactory = reader.value(MailKey.QUEUE_CONNECTION_FACTORY).filter(s -> !s.isBlank())
                .map(String::strip);
        int consumers = reader.integer(MailKey.QUEUE_CONSUMERS);
        if (consumers < 0) {
            throw reader.invalid(MailKey.QUEUE_CONSUMERS, "must not be negative");
        }
        int inApp = reader.integer(MailKey.QUEUE_IN_APP_CONSUMERS);
        if (inApp < 0) {
            throw reader.invalid(MailKey.QUEUE_IN_APP_CONSUMERS, "must not be negative");
        }
        double rate = reader.decimal(MailKey.QUEUE_RATE);
        if (rate < 0) {
            throw reader.invalid(MailKey.QUEUE_RATE, "must not be negative");
        }
        Duration initial = reader.duration(MailKey.QUEUE_RETRY_INITIAL_DELAY);
        Duration max = reader.duration(MailKey.QUEUE_RETRY_MAX_DELAY);
        if (max.compareTo(initial) < 0) {
            throw reader.invalid(MailKey.QUEUE_RETRY_MAX_DELAY, "must not be shorter than "
                    + context.keyOf(MailKey.QUEUE_RETRY_INITIAL_DELAY));
        }
        return new QueueSettings(context.alias(), directory, url, connectionFactory, consumers, inApp, initial, max,
                reader.duration(MailKey.QUEUE_MAX_AGE), rate);
    }

    /** Reads and converts one alias's keys, naming the key when a value is wrong. */
    private record Reader(AliasContext context) {

        Optional<String> value(MailKey key) {
            return context.config().lookup(context.alias(), key);
        }

        String text(MailKey key) {
            return value(key).filter(s -> !s.isBlank()).or(key::defaultValue).orElse("").strip();
        }

        InvalidSettingException invalid(MailKey key, String problem) {
            String name = context.keyOf(key);
            return new InvalidSettingException(name, QueueError.INVALID_QUEUE_SETTING.message(name + " " + problem));
        }

        Path path(MailKey key) {
            try {
                return Path.of(text(key));
            } catch (InvalidPathException e) {
                throw invalid(key, "is not a valid path");
            }
        }

        int integer(MailKey key) {
            try {
                return Integer.parseInt(text(key));
            } catch (NumberFormatException e) {
                throw invalid(key, "must be a whole number");
            }
        }

        double decimal(MailKey key) {
            try {
                return Double.parseDouble(text(key));
            } catch (NumberFormatException e) {
                throw invalid(key, "must be a number");
            }
        }

        Duration duration(MailKey key) {
            String text = text(key);
            try {
                Duration value = text.matches("\\d+(\\.\\d+)?")
                        ? Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000))
                        : Duration.parse(text);
                if (value.isNegative() || value.isZero()) {
                    throw invalid(key, "must be positive");
                }
                return value;
            } catch (DateTimeParseException e) {
                throw invalid(key, "must be an ISO-8601 duration (PT1M) or a number of seconds");
            }
        }
    }
}
