import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * Runs Neo4j embedded with its Bolt connector on 127.0.0.1, for the Attribution Explorer.
 *
 * Usage: java [--add-opens ...] -cp CLASSPATH EmbeddedNeo4j.java
 *          --home DIR --port PORT --password-file FILE [--config neo4j.conf]
 *
 * Contract with the Node parent (server/graph/embedded-neo4j.ts):
 *  - prints exactly one line {"event":"ready","bolt":"127.0.0.1:PORT","version":"..."} on stdout when Bolt accepts;
 *  - on failure prints {"event":"error","message":"..."} and exits 1;
 *  - shuts down cleanly on SIGTERM, and also when its stdin closes: the parent holds the pipe, so a parent
 *    that dies for any reason (even SIGKILL) takes this JVM with it.
 */
public class EmbeddedNeo4j {
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) fail("missing value after " + args[i]);
            options.put(args[i], args[i + 1]);
        }
        Path home = Path.of(required(options, "--home"));
        int port = Integer.parseInt(required(options, "--port"));
        Path passwordFile = Path.of(required(options, "--password-file"));
        String password = "";
        try {
            password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            fail("could not read the password file " + passwordFile + ": " + e.getMessage());
        }
        if (password.length() < 8) fail("the password file " + passwordFile + " must hold at least 8 characters");

        DatabaseManagementService dbms;
        try {
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
            // Memory, timeouts and other tuning come from a neo4j.conf that the Node side writes.
            if (options.containsKey("--config")) builder.loadPropertiesFromFile(Path.of(options.get("--config")));
            dbms = builder
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .build();
        } catch (Throwable t) {
            fail("Neo4j did not start: " + describe(t));
            return;
        }

        AtomicBoolean stopped = new AtomicBoolean(false);
        CountDownLatch done = new CountDownLatch(1);
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                try {
                    dbms.shutdown();
                } finally {
                    done.countDown();
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            try { done.await(); } catch (InterruptedException ignored) { }
        }, "neo4j-shutdown"));

        try {
            setPassword(dbms, password);
        } catch (Throwable t) {
            System.out.println(json("error", "message", "could not set the password: " + t.getMessage()));
            System.out.flush();
            System.exit(1);
        }

        String version = org.neo4j.kernel.internal.Version.getNeo4jVersion();
        System.out.println("{\"event\":\"ready\",\"bolt\":\"127.0.0.1:" + port + "\",\"version\":\"" + version + "\"}");
        System.out.flush();

        // The parent's pipe is our lifeline: EOF means the parent is gone.
        Thread watcher = new Thread(() -> {
            try {
                InputStream in = System.in;
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) { /* the parent writes nothing; we only wait for EOF */ }
            } catch (IOException ignored) { }
            System.exit(0); // runs the shutdown hook
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();

        done.await();
    }

    /** Makes `neo4j` use the given password; the embedded API runs with full rights, so no login is needed. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        // A timeout of its own: db.transaction.timeout (30 s) is for queries, and a start on a busy machine
        // (a fresh system database, other JVMs starting) has been seen to need longer for this one statement.
        try (Transaction tx = system.beginTx(5, TimeUnit.MINUTES)) {
            tx.execute("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            tx.commit();
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to the one already set: that is the normal restart case.
            String message = String.valueOf(e.getMessage());
            if (!message.contains("Old password and new password cannot be the same")) throw e;
        }
    }

    /** The failure and its root cause on one line: the root cause (a locked store, a full disk) is what a person can act on. */
    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String top = String.valueOf(t.getMessage());
        return root == t ? top : top + "; caused by " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) fail("missing " + name);
        return value;
    }

    private static void fail(String message) {
        System.out.println(json("error", "message", message));
        System.out.flush();
        System.exit(1);
    }

    private static String json(String event, String key, String value) {
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
        return "{\"event\":\"" + event + "\",\"" + key + "\":\"" + escaped + "\"}";
    }
}
