package org.flinkx.connector.jdbc.catalog;

import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;

/**
 * A catalog whose only content is a database server's databases and tables: it has no views,
 * partitions, functions or statistics of its own, and changes to databases and tables other than
 * creating and dropping happen in the database, not through Flink. Those parts of {@link
 * org.apache.flink.table.catalog.Catalog} answer "none" or refuse, here, once.
 */
@Internal
abstract class DatabaseBackedCatalog extends AbstractCatalog {

    DatabaseBackedCatalog(String name, String defaultDatabase) {
        super(name, defaultDatabase);
    }

    /** The refusal of a change the catalog does not make. */
    CatalogException notHere(String what) {
        return new CatalogException(
                "Catalog '"
                        + getName()
                        + "' does not "
                        + what
                        + ": do it in the database itself (the catalog reads what is there).");
    }

    @Override
    public void alterDatabase(String name, CatalogDatabase database, boolean ignoreIfNotExists) {
        throw notHere("alter databases");
    }

    @Override
    public List<String> listViews(String databaseName) {
        return List.of();
    }

    @Override
    public void renameTable(ObjectPath path, String newName, boolean ignoreIfNotExists) {
        throw notHere("rename tables");
    }

    @Override
    public void alterTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfNotExists) {
        throw notHere("alter tables");
    }

    // ------------------------------------------------------------------ partitions: none

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath path) {
        return List.of();
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath path, CatalogPartitionSpec spec) {
        return List.of();
    }

    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(
            ObjectPath path, List<Expression> filters) {
        return List.of();
    }

    @Override
    public CatalogPartition getPartition(ObjectPath path, CatalogPartitionSpec spec)
            throws PartitionNotExistException {
        throw new PartitionNotExistException(getName(), path, spec);
    }

    @Override
    public boolean partitionExists(ObjectPath path, CatalogPartitionSpec spec) {
        return false;
    }

    @Override
    public void createPartition(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogPartition partition,
            boolean ignoreIfExists) {
        throw notHere("keep partitions");
    }

    @Override
    public void dropPartition(ObjectPath path, CatalogPartitionSpec spec, boolean ignore) {
        throw notHere("keep partitions");
    }

    @Override
    public void alterPartition(
            ObjectPath path, CatalogPartitionSpec spec, CatalogPartition partition, boolean ig) {
        throw notHere("keep partitions");
    }

    // ------------------------------------------------------------------ functions: none

    @Override
    public List<String> listFunctions(String databaseName) {
        return List.of();
    }

    @Override
    public CatalogFunction getFunction(ObjectPath path) throws FunctionNotExistException {
        throw new FunctionNotExistException(getName(), path);
    }

    @Override
    public boolean functionExists(ObjectPath path) {
        return false;
    }

    @Override
    public void createFunction(ObjectPath path, CatalogFunction function, boolean ignore) {
        throw notHere("keep functions (create them as temporary functions)");
    }

    @Override
    public void alterFunction(ObjectPath path, CatalogFunction function, boolean ignore) {
        throw notHere("keep functions");
    }

    @Override
    public void dropFunction(ObjectPath path, boolean ignoreIfNotExists) {
        throw notHere("keep functions");
    }

    // ------------------------------------------------------------------ statistics: unknown

    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath path) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath path) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(
            ObjectPath path, CatalogPartitionSpec spec) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(
            ObjectPath path, CatalogPartitionSpec spec) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public void alterTableStatistics(
            ObjectPath path, CatalogTableStatistics statistics, boolean ignore) {
        throw notHere("keep statistics");
    }

    @Override
    public void alterTableColumnStatistics(
            ObjectPath path, CatalogColumnStatistics statistics, boolean ignore) {
        throw notHere("keep statistics");
    }

    @Override
    public void alterPartitionStatistics(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogTableStatistics statistics,
            boolean ignore) {
        throw notHere("keep statistics");
    }

    @Override
    public void alterPartitionColumnStatistics(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogColumnStatistics statistics,
            boolean ignore) {
        throw notHere("keep statistics");
    }
}
