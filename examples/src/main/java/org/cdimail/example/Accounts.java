package org.cdimail.example;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.cdimail.Mailer;

/**
 * Accounts kept in the server's default datasource ({@code java:comp/DefaultDataSource}: H2 in
 * WildFly's {@code ExampleDS} and in Payara), registered in one JTA transaction together with
 * their welcome mail. cdi-mail sends a mail given inside a transaction after the commit, and
 * not at all on a rollback (the alias's {@code transactional} key, {@code after-commit} by
 * default): no "welcome" for an account that was never stored.
 */
@ApplicationScoped
public class Accounts {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    Mailer mailer;

    /**
     * Creates the table when the application starts (H2 keeps it for the server's lifetime).
     *
     * @param started the application context's start
     * @throws SQLException if the database refuses
     */
    void createTable(@Observes @Initialized(ApplicationScoped.class) Object started) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS example_account ("
                    + "id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(320) NOT NULL, name VARCHAR(200) NOT NULL)");
        }
    }

    /**
     * Stores an account and mails the welcome, in one transaction.
     *
     * @param email the account's address
     * @param name  the account holder's name
     * @param abort whether a step after the mail fails, so that the transaction rolls back
     * @throws SignUpAborted if {@code abort}: nothing is stored, nothing is mailed
     */
    @Transactional
    public void register(String email, String name, boolean abort) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO example_account (email, name) VALUES (?, ?)")) {
            insert.setString(1, email);
            insert.setString(2, name);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the account", e);
        }
        mailer.sendMail("Welcome to Example Shop", "Hello " + name + ",\n\nyour account is ready.\n", null,
                List.of(email));
        if (abort) {
            throw new SignUpAborted();
        }
    }

    /**
     * How many accounts have this address.
     *
     * @param email the address
     * @return the number of stored accounts
     */
    public int count(String email) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM example_account WHERE email = ?")) {
            query.setString(1, email);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the accounts", e);
        }
    }

    /** A registration that failed after its mail was handed to cdi-mail; the transaction rolls back. */
    public static final class SignUpAborted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SignUpAborted() {
            super("the registration was aborted after its welcome mail was handed over");
        }
    }
}
