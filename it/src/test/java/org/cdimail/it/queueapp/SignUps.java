package org.cdimail.it.queueapp;

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
 * Signs users up: a row in the server's default datasource and a welcome mail through the
 * (queued) default alias, in one JTA transaction.
 */
@ApplicationScoped
public class SignUps {

    /** Thrown after the row and the mail, to roll the transaction back. */
    public static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RolledBack() {
            super("rolled back on purpose");
        }
    }

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource data;

    @Inject
    Mailer mailer;

    void createTable(@Observes @Initialized(ApplicationScoped.class) Object started) throws SQLException {
        try (Connection connection = data.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists queue_it_signup (email varchar(200) not null)");
        }
    }

    /**
     * Inserts the row and sends the mail; throws {@link RolledBack} afterwards when asked to.
     *
     * @param email    the address
     * @param rollback whether the transaction rolls back
     * @throws SQLException if the row cannot be inserted
     */
    @Transactional
    public void signUp(String email, boolean rollback) throws SQLException {
        try (Connection connection = data.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into queue_it_signup (email) values (?)")) {
            insert.setString(1, email);
            insert.executeUpdate();
        }
        mailer.sendMail("Welcome", "Hello " + email, null, List.of(email));
        if (rollback) {
            throw new RolledBack();
        }
    }

    /** @return the default alias's mailer */
    public Mailer mailer() {
        return mailer;
    }

    /**
     * @param email an address
     * @return the rows committed for it
     * @throws SQLException if they cannot be counted
     */
    public int rows(String email) throws SQLException {
        try (Connection connection = data.getConnection();
                PreparedStatement count = connection.prepareStatement("select count(*) from queue_it_signup where email = ?")) {
            count.setString(1, email);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
