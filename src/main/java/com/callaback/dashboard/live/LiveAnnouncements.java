package com.callaback.dashboard.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.StartupEvent;

/**
 * This replica's one LISTEN connection, which also makes the announcements a few times a second
 * ({@code announce_live_events()}: a NOTIFY inside the writers' transactions would make them commit one at a time).
 * Announcements of committed changes (channel live_events, payload
 * "tenant:event") wake the streams of that business; sign-outs (channel live_sign_out, payload a user id) end that
 * person's streams. The connection is its own, outside the pool, and is opened again after any failure; the
 * streams are then re-read in full, so an announcement lost meanwhile costs nothing.
 */
@ApplicationScoped
public class LiveAnnouncements {

    static final String EVENTS = "live_events";
    static final String SIGN_OUTS = "live_sign_out";
    private static final Logger LOG = Logger.getLogger(LiveAnnouncements.class);
    private static final int WAIT_MILLIS = 1_000;
    /** How often this replica asks for the events that became final to be announced: the live pages' delay. */
    private static final int ANNOUNCE_EVERY_MILLIS = 250;

    @Inject
    LiveStreams streams;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private volatile boolean running;
    private Thread listener;

    void start(@Observes StartupEvent started) {
        running = true;
        listener = new Thread(this::listen, "live-announcements");
        listener.setDaemon(true);
        listener.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute("listen " + EVENTS);
                statement.execute("listen " + SIGN_OUTS);
                streams.wakeAll();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    // Announcements are made here, not by the transactions that write the events (V23).
                    announce(statement);
                    PGNotification[] notifications = pg.getNotifications(ANNOUNCE_EVERY_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getName(), notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("Live announcements connection lost (%s); opening it again", e.getMessage());
                    pause();
                }
            }
        }
    }

    /**
     * Announces, for every business, the events of the transactions that ended since the last announcement (of any
     * replica); the announcement comes back to every replica's listener, this one's too.
     */
    private static void announce(Statement statement) throws SQLException {
        statement.execute("select announce_live_events()");
    }

    private void dispatch(String channel, String payload) {
        try {
            if (EVENTS.equals(channel)) {
                streams.wake(UUID.fromString(payload.substring(0, payload.indexOf(':'))));
            } else if (SIGN_OUTS.equals(channel)) {
                streams.signOut(UUID.fromString(payload));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Ignored a malformed announcement on %s: %s", channel, payload);
        }
    }

    private void pause() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
