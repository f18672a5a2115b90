import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Starts an embedded Neo4j Community server with only the Bolt connector, bound to loopback.
 * Usage: java -cp CLASSPATH Neo4jLauncher.java HOME_DIR PORT
 * Prints "NEO4J_READY bolt://127.0.0.1:PORT" once Bolt accepts connections, and shuts down
 * cleanly when its standard input closes (the parent died) or on SIGTERM.
 * Auth is off in this mode, which is why the connector never listens beyond 127.0.0.1.
 */
public class Neo4jLauncher {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: Neo4jLauncher HOME_DIR PORT");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(600))
        // Bulk seeds write hundreds of thousands of records in one transaction; the heap bounds it.
        .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, 0L)
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
    System.out.flush();
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in));
    while (stdin.readLine() != null) {
      // Any input is ignored; end of input means the parent process is gone.
    }
    System.exit(0);
  }
}
