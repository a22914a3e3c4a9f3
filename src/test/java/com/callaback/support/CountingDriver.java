package com.callaback.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * The PostgreSQL JDBC driver with a count of what reaches the server, for the statement budget of the webhook
 * path: every statement executed, and the transaction boundaries the driver sends with them ({@code BEGIN} with
 * the first statement after auto-commit is switched off, {@code COMMIT}/{@code ROLLBACK} when that transaction
 * ends, exactly as pgjdbc does: a transaction that ran nothing sends nothing). The tests' datasource uses it
 * ({@code %test.quarkus.datasource.jdbc.driver}); it records only while a test asks it to.
 */
public class CountingDriver implements Driver {

    private static volatile boolean recording;
    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    private final Driver postgres = new org.postgresql.Driver();

    /** What reached the server while {@code work} ran, on any thread (webhooks are served on the server's). */
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

    private static void record(String sql) {
        if (recording) {
            STATEMENTS.add(sql);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Connection connection = postgres.connect(url, info);
        return connection == null ? null : (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { Connection.class }, new ConnectionCounter(connection));
    }

    /** Follows one connection's transaction state the way pgjdbc does, and counts what it sends. */
    private static final class ConnectionCounter implements InvocationHandler {

        private final Connection target;
        private boolean autoCommit = true;
        private boolean open;

        ConnectionCounter(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "setAutoCommit" -> {
                    boolean on = (Boolean) args[0];
                    if (on && !autoCommit) {
                        end("COMMIT");
                    }
                    autoCommit = on;
                }
                case "commit" -> end("COMMIT");
                case "rollback" -> {
                    if (args == null || args.length == 0) {
                        end("ROLLBACK");
                    }
                }
                default -> {
                    // counted when executed, below
                }
            }
            Object result = call(target, method, args);
            if (result instanceof Statement statement) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                        : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                int[] batched = { 0 };
                return Proxy.newProxyInstance(CountingDriver.class.getClassLoader(), new Class<?>[] { type },
                        (p, m, a) -> {
                            String name = m.getName();
                            if (name.equals("addBatch")) {
                                batched[0]++;
                            } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                                // pgjdbc sends each batched statement: each counts.
                                for (int i = 0; i < Math.max(1, batched[0]); i++) {
                                    executing(sql);
                                }
                                batched[0] = 0;
                            } else if (name.startsWith("execute")) {
                                executing(a != null && a.length > 0 && a[0] instanceof String s ? s : sql);
                            }
                            return call(statement, m, a);
                        });
            }
            return result;
        }

        private synchronized void executing(String sql) {
            if (!autoCommit && !open) {
                open = true;
                record("BEGIN");
            }
            record(sql);
        }

        private synchronized void end(String boundary) {
            if (open) {
                open = false;
                record(boundary);
            }
        }

        private static Object call(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return postgres.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return postgres.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return postgres.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return postgres.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return postgres.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return postgres.getParentLogger();
    }
}
