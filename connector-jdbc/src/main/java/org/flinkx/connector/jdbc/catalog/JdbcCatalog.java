package org.flinkx.connector.jdbc.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.Factory;
import org.apache.flink.table.types.DataType;
import org.flinkx.connector.common.security.Secrets;
import org.flinkx.connector.jdbc.config.JdbcConnectionConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.internal.JdbcConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases and tables of a MySQL, MariaDB or PostgreSQL server as a Flink catalog: every table
 * with its columns, types ({@link TypeMapping}) and primary key, read from the server each time the
 * planner asks, so {@code SELECT * FROM src.shop.orders} needs no DDL. Its tables are read and
 * written by a FlinkX connector ({@link CatalogTables}, through {@link CatalogTableFactory}).
 * {@code CREATE TABLE} (and CTAS) creates the table in the database with the mapped types and key;
 * the catalog stores nothing itself, so such a table takes no options.
 */
@Internal
public class JdbcCatalog extends DatabaseBackedCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCatalog.class);

    private final DatabaseUrl url;
    private final JdbcConnectionConfig connection;
    private final JdbcDialect dialect;
    private final DatabaseSchemas schemas;
    private final CatalogTables tables;
    private final Map<String, String> tableDefaults;

    public JdbcCatalog(
            String name,
            String defaultDatabase,
            JdbcConnectionConfig connection,
            JdbcDialect dialect,
            DatabaseSchemas schemas,
            CatalogTables tables,
            Map<String, String> tableDefaults) {
        super(name, defaultDatabase);
        this.url = DatabaseUrl.parse(connection.url());
        this.connection = connection;
        this.dialect = dialect;
        this.schemas = schemas;
        this.tables = tables;
        this.tableDefaults = Map.copyOf(tableDefaults);
    }

    @Override
    public Optional<Factory> getFactory() {
        return Optional.of(new CatalogTableFactory(tables, tableDefaults));
    }

    /** Connects once, so a wrong password or an unknown database fails at CREATE CATALOG. */
    @Override
    public void open() {
        if (!databaseExists(getDefaultDatabase())) {
            throw new CatalogException(
                    String.format(
                            "Catalog '%s': the database '%s' ('default-database', or the one "
                                    + "'url' names) does not exist on %s. It has: %s.",
                            getName(),
                            getDefaultDatabase(),
                            Secrets.maskUrl(url.server()),
                            listDatabases()));
        }
    }

    @Override
    public void close() {}

    // ------------------------------------------------------------------ databases

    @Override
    public List<String> listDatabases() {
        try (Connection c = connect(schemas.serverDatabase())) {
            return schemas.databases(c);
        } catch (SQLException e) {
            throw failure("list the databases", e);
        }
    }

    @Override
    public CatalogDatabase getDatabase(String name) throws DatabaseNotExistException {
        if (!databaseExists(name)) {
            throw new DatabaseNotExistException(getName(), name);
        }
        return new CatalogDatabaseImpl(Map.of(), null);
    }

    @Override
    public boolean databaseExists(String name) {
        return listDatabases().contains(name);
    }

    @Override
    public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists)
            throws DatabaseAlreadyExistException {
        if (databaseExists(name)) {
            if (ignoreIfExists) {
                return;
            }
            throw new DatabaseAlreadyExistException(getName(), name);
        }
        execute(schemas.serverDatabase(), "CREATE DATABASE " + dialect.quoteIdentifier(name));
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade) {
        throw notHere("drop databases");
    }

    // ------------------------------------------------------------------ tables

    @Override
    public List<String> listTables(String database) throws DatabaseNotExistException {
        if (!databaseExists(database)) {
            throw new DatabaseNotExistException(getName(), database);
        }
        try (Connection c = connect(database)) {
            return schemas.tables(c, database);
        } catch (SQLException e) {
            throw failure("list the tables of database '" + database + "'", e);
        }
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath path) throws TableNotExistException {
        DatabaseTable table = describe(path).orElseThrow(() -> notFound(path));
        Schema.Builder schema = Schema.newBuilder();
        for (DatabaseColumn column : table.columns()) {
            DataType type = schemas.types().toFlink(path.getFullName(), column);
            boolean notNull = !column.nullable() || table.primaryKey().contains(column.name());
            schema.column(column.name(), notNull ? type.notNull() : type);
        }
        if (!table.primaryKey().isEmpty()) {
            schema.primaryKey(table.primaryKey());
        }
        return CatalogTable.newBuilder().schema(schema.build()).options(Map.of()).build();
    }

    /**
     * The options a table of this catalog is read and written with, {@code connector} included: the
     * catalog's table defaults under the table's own (its URL or server, its credentials, its
     * name), as the planner gives them to the connector. For declaring a table elsewhere: they hold
     * the password.
     */
    public Map<String, String> tableOptions(ObjectPath path) {
        Map<String, String> options = new java.util.HashMap<>(tableDefaults);
        options.putAll(tables.options(path.getDatabaseName(), path.getObjectName()));
        options.put("connector", tables.factory().factoryIdentifier());
        return options;
    }

    /**
     * The Flink type (nullable) the catalog gives a column of the database's; {@code table} names
     * the table in a failure.
     */
    public DataType flinkType(String table, DatabaseColumn column) {
        return schemas.types().toFlink(table, column);
    }

    @Override
    public boolean tableExists(ObjectPath path) {
        return describe(path).isPresent();
    }

    @Override
    public void createTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfExists)
            throws TableAlreadyExistException, DatabaseNotExistException {
        if (!(tables.factory() instanceof DynamicTableSinkFactory)) {
            throw notHere("create tables (its connector only reads)");
        }
        ResolvedCatalogTable resolved = creatable(path, table);
        if (!databaseExists(path.getDatabaseName())) {
            throw new DatabaseNotExistException(getName(), path.getDatabaseName());
        }
        if (tableExists(path)) {
            if (ignoreIfExists) {
                return;
            }
            throw new TableAlreadyExistException(getName(), path);
        }
        String ddl = createTableStatement(path, resolved.getResolvedSchema());
        LOG.info("Catalog '{}' creates table {}:\n{}", getName(), path.getFullName(), ddl);
        execute(path.getDatabaseName(), ddl);
    }

    /**
     * The {@code CREATE TABLE} this catalog runs for a table of this schema ({@link
     * CreateTableStatement}): for review before it runs, or to write to a file.
     */
    public String createTableStatement(ObjectPath path, ResolvedSchema schema) {
        return CreateTableStatement.of(
                schemas.qualifiedName(path.getDatabaseName(), path.getObjectName()),
                schema,
                schemas.types(),
                dialect);
    }

    /**
     * Adds {@code columns} of {@code schema} to the existing table (nullable, typed as {@link
     * #createTableStatement} types them), one {@code ALTER TABLE ... ADD COLUMN} each; returns the
     * statements run.
     */
    public List<String> addColumns(ObjectPath path, ResolvedSchema schema, List<String> columns) {
        List<String> statements =
                CreateTableStatement.addColumns(
                        schemas.qualifiedName(path.getDatabaseName(), path.getObjectName()),
                        schema,
                        columns,
                        schemas.types(),
                        dialect);
        for (String statement : statements) {
            LOG.info("Catalog '{}' alters table {}: {}", getName(), path.getFullName(), statement);
            execute(path.getDatabaseName(), statement);
        }
        return statements;
    }

    /**
     * A table's columns as the database describes them (its own types, lengths in bytes) and its
     * key, or empty when there is no such table.
     */
    public Optional<DatabaseTable> databaseTable(ObjectPath path) {
        return describe(path);
    }

    @Override
    public void dropTable(ObjectPath path, boolean ignoreIfNotExists)
            throws TableNotExistException {
        if (!tableExists(path)) {
            if (ignoreIfNotExists) {
                return;
            }
            throw notFound(path);
        }
        execute(
                path.getDatabaseName(),
                "DROP TABLE "
                        + schemas.qualifiedName(path.getDatabaseName(), path.getObjectName()));
    }

    /** The table to create, or why this catalog cannot create it. */
    private ResolvedCatalogTable creatable(ObjectPath path, CatalogBaseTable table) {
        if (!(table instanceof ResolvedCatalogTable resolved)) {
            throw new CatalogException(
                    "Catalog '" + getName() + "' creates tables only, not views: " + path);
        }
        if (!resolved.getOptions().isEmpty()) {
            throw new CatalogException(
                    String.format(
                            "Catalog '%s' creates %s in the database and stores nothing else, "
                                    + "so the table takes no options (given: %s). Give a "
                                    + "write's options as hints: INSERT INTO %s /*+ OPTIONS(...) */ "
                                    + "SELECT ...; a LIKE clause needs EXCLUDING OPTIONS.",
                            getName(),
                            path.getFullName(),
                            resolved.getOptions().keySet(),
                            path.getFullName()));
        }
        if (resolved.isPartitioned()) {
            throw notHere("create partitioned tables");
        }
        for (Column column : resolved.getResolvedSchema().getColumns()) {
            if (!column.isPhysical()) {
                throw new CatalogException(
                        String.format(
                                "Catalog '%s' cannot create column '%s' of %s: the database "
                                        + "holds physical columns only (no computed or metadata "
                                        + "columns).",
                                getName(), column.getName(), path.getFullName()));
            }
        }
        if (!resolved.getResolvedSchema().getWatermarkSpecs().isEmpty()) {
            throw notHere("keep watermarks (declare them on a temporary table or view)");
        }
        return resolved;
    }

    // ------------------------------------------------------------------ the server

    private Optional<DatabaseTable> describe(ObjectPath path) {
        if (!databaseExists(path.getDatabaseName())) {
            return Optional.empty();
        }
        try (Connection c = connect(path.getDatabaseName())) {
            return schemas.table(c, path.getDatabaseName(), path.getObjectName());
        } catch (SQLException e) {
            throw failure("read the columns of " + path.getFullName(), e);
        }
    }

    private void execute(String database, String sql) {
        try (Connection c = connect(database);
                Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failure("run " + sql, e);
        }
    }

    /** A connection to the database (PostgreSQL) or to the server (MySQL, MariaDB). */
    private Connection connect(String database) throws SQLException {
        String target = schemas.connectsPerDatabase() ? url.of(database) : url.of(url.database());
        return JdbcConnections.open(connection.withUrl(target), dialect);
    }

    private TableNotExistException notFound(ObjectPath path) {
        return new TableNotExistException(getName(), path);
    }

    /** A failure that says what was asked of which server; the driver's message masked. */
    private CatalogException failure(String what, SQLException e) {
        return new CatalogException(
                String.format(
                        "Catalog '%s' could not %s on %s: %s",
                        getName(),
                        what,
                        Secrets.maskUrl(url.server()),
                        JdbcConnectionConfig.maskSecrets(e.getMessage())),
                e);
    }
}
