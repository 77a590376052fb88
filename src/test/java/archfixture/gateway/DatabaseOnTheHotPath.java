package archfixture.gateway;

/** The gateway holding a database pool. */
public class DatabaseOnTheHotPath {
    io.vertx.mutiny.sqlclient.Pool pool;
}
