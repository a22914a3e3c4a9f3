package com.callaback.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * Records the SQL Hibernate sends (HQL and native alike) while a test asks it to, so a test can read the plans
 * of exactly the statements a page runs. Off by default: other tests pay one volatile read per statement.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class SqlCapture implements StatementInspector {

    private static volatile boolean recording;
    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    @Override
    public String inspect(String sql) {
        if (recording) {
            STATEMENTS.add(sql);
        }
        return sql;
    }

    /** The statements run while {@code work} ran (on any thread: pages are served on the server's threads). */
    public static synchronized List<String> during(Runnable work) {
        STATEMENTS.clear();
        recording = true;
        try {
            work.run();
        } finally {
            recording = false;
        }
        return List.copyOf(STATEMENTS);
    }
}
