package org.modelcensus.catalog;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.util.FileNames;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.spark.SparkSessions;
import org.modelcensus.write.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Registers the warehouse's tables in the session's catalog as database {@code census} (the SQL endpoint's, in memory
 * unless a metastore is configured outside): one external Delta table per folder {@code <warehouse>/<layer>/<table>},
 * with the table and column comments of the {@link DataDictionary}.
 * Idempotent and cheap when nothing changed: a table is created when missing, re-created when its location moved,
 * its comments are set when they differ from the dictionary (a new column, an edited dictionary), and a table whose
 * folder is gone is dropped (external tables: dropping never deletes data). New snapshots need nothing: a Delta
 * table at a location shows its latest commit to every query.
 */
public final class CensusCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(CensusCatalog.class);

    public static final String DATABASE = "census";
    /**
     * Spark local property (per thread, not settable from SQL) that marks the catalog's own writes, which the
     * read-only check of the SQL endpoint lets through.
     */
    public static final String WRITER_PROPERTY = "model-census.catalog.writer";
    private static final List<String> LAYERS = List.of(Warehouse.SILVER, Warehouse.GOLD, Warehouse.AUDIT);

    private final SparkSession spark;
    private final Path warehouse;
    private final DataDictionary dictionary;

    /** What one synchronization changed. */
    public record Changes(List<String> created, List<String> commented, List<String> dropped, int tables) {
        public boolean any() {
            return !created.isEmpty() || !commented.isEmpty() || !dropped.isEmpty();
        }

        @Override
        public String toString() {
            return tables + " tables in database " + DATABASE + (any() ? "; created " + created + ", comments set on "
                    + commented + ", dropped " + dropped : ", unchanged");
        }
    }

    public CensusCatalog(SparkSession spark, String warehouse, DataDictionary dictionary) {
        this.spark = spark;
        this.warehouse = new Path(warehouse);
        this.dictionary = dictionary;
    }

    /** A table and its rows, every snapshot. */
    public record TableSize(String table, long rows) {
    }

    /**
     * For the SQL endpoint, before its session starts: the warehouse's largest Delta table by rows
     * ({@link Warehouse#liveRows}), by which its statements are planned; empty when it has none.
     */
    public static Optional<TableSize> largestTable(Configuration hadoop, String warehouse) {
        Path root = new Path(warehouse);
        try {
            FileSystem fs = root.getFileSystem(hadoop);
            TableSize largest = null;
            for (Path folder : tableFolders(fs, fs.makeQualified(root)).values()) {
                OptionalLong rows = Warehouse.liveRows(hadoop, folder);
                if (rows.isPresent() && (largest == null || rows.getAsLong() > largest.rows())) {
                    largest = new TableSize(folder.getParent().getName() + "." + folder.getName(), rows.getAsLong());
                }
            }
            return Optional.ofNullable(largest);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the table folders of " + warehouse + ": " + e.getMessage(), e);
        }
    }

    /** The table folders a statement reads, by table name, and their bytes (every snapshot and the Delta log). */
    public record TablesRead(Map<String, Path> folders, long bytes) {
    }

    /**
     * For scripts/sql.sh, before its session starts: the tables the statement reads (every table when it names none,
     * as SHOW TABLES does), by which the session is sized and which it then registers ({@link #register}).
     */
    public static TablesRead tablesRead(String warehouse, String statement) {
        Path root = new Path(warehouse);
        try {
            FileSystem fs = root.getFileSystem(SparkHadoopUtil.get().newConfiguration(new SparkConf()));
            Map<String, Path> folders = tableFolders(fs, fs.makeQualified(root));
            if (folders.isEmpty()) {
                // before the session, which would make the database's folder in the warehouse
                Path gold = new Path(root, Warehouse.GOLD);
                throw new CensusInputException(fs.isDirectory(gold)
                        ? "The tables of " + warehouse + " are not Delta tables (a census run with --format parquet?): only Delta "
                                + "tables are queried here. Read Parquet tables by path (" + new Path(gold, "<table>") + "), or run the "
                                + "census with --format delta."
                        : "No census tables in " + warehouse + " (expected " + new Path(gold, "<table>")
                                + "): give --warehouse the folder a census run wrote.");
            }
            List<String> named = tablesNamed(statement, folders.keySet());
            Map<String, Path> read = new LinkedHashMap<>(folders);
            read.keySet().retainAll(named.isEmpty() ? folders.keySet() : named);
            long bytes = 0;
            for (Path folder : read.values()) {
                bytes += fs.getContentSummary(folder).getLength();
            }
            return new TablesRead(read, bytes);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the table folders of " + warehouse + ": " + e.getMessage(), e);
        }
    }

    /**
     * For scripts/sql.sh, whose session lives for one statement: database {@code census} in the session's in-memory
     * catalog, with the tables the statement reads, each an external Delta table at its folder. Loading a table's
     * Delta log is what registering costs, so a query registers only what it reads. The columns' comments come with
     * the tables (written with them, see TableWriter), the tables' own where the endpoint has set them ({@link #sync}).
     */
    public synchronized void register(TablesRead read) {
        String previous = spark.sparkContext().getLocalProperty(WRITER_PROPERTY);
        spark.sparkContext().setLocalProperty(WRITER_PROPERTY, "true");
        try {
            Path root = fileSystem().makeQualified(warehouse);
            spark.sql("create database if not exists " + DATABASE + " location "
                    + literal(new Path(new Path(root, SparkSessions.CATALOG_DIR), DATABASE + ".db").toString()));
            read.folders().forEach((name, folder) ->
                    spark.sql("create table if not exists " + qualified(name) + " using delta location " + literal(folder.toString())));
        } finally {
            spark.sparkContext().setLocalProperty(WRITER_PROPERTY, previous);
        }
    }

    /**
     * The tables a statement reads, of those given: the relations of Spark's parse of it, so that a column named like a
     * table (models, a column of most gold tables) registers no table; else, when that finds none of them (a statement
     * only Delta's parser knows, such as DESCRIBE HISTORY), the table names that appear in its text as words.
     */
    public static List<String> tablesNamed(String statement, Collection<String> tables) {
        Set<String> relations = new HashSet<>();
        try {
            collectRelations(new SparkSqlParser().parsePlan(statement), relations);
        } catch (Exception e) { // ParseException, which Scala does not declare
            if (!(e instanceof ParseException)) {
                throw e;
            }
        }
        List<String> read = tables.stream().filter(name -> relations.contains(name.toLowerCase(Locale.ROOT))).toList();
        return !read.isEmpty() ? read
                : tables.stream().filter(name -> Pattern.compile("(?i)\\b" + Pattern.quote(name) + "\\b").matcher(statement).find()).toList();
    }

    /** The last part of every table name in a parsed plan, its subqueries and its common table expressions. */
    private static void collectRelations(LogicalPlan plan, Set<String> relations) {
        Seq<String> name = plan instanceof UnresolvedRelation relation ? relation.multipartIdentifier()
                : plan instanceof UnresolvedTableOrView tableOrView ? tableOrView.multipartIdentifier()
                : plan instanceof UnresolvedTable table ? table.multipartIdentifier() : null;
        if (name != null && name.nonEmpty()) {
            relations.add(name.last().toLowerCase(Locale.ROOT));
        }
        List<Object> inner = new ArrayList<>(JavaConverters.seqAsJavaList(plan.children()));
        if (plan instanceof ExplainCommand explain) {
            inner.add(explain.logicalPlan());
        }
        inner.addAll(JavaConverters.seqAsJavaList(plan.subqueries()));
        inner.addAll(JavaConverters.seqAsJavaList(plan.innerChildren()));
        for (Object child : inner) {
            if (child instanceof LogicalPlan childPlan) {
                collectRelations(childPlan, relations);
            }
        }
    }

    /** Brings database {@code census} in line with the warehouse's table folders and the dictionary. */
    public synchronized Changes sync() {
        String previous = spark.sparkContext().getLocalProperty(WRITER_PROPERTY);
        spark.sparkContext().setLocalProperty(WRITER_PROPERTY, "true");
        long started = System.nanoTime();
        try {
            return syncAsWriter();
        } finally {
            LOG.debug("catalog synchronized in {} ms", (System.nanoTime() - started) / 1_000_000);
            spark.sparkContext().setLocalProperty(WRITER_PROPERTY, previous);
        }
    }

    private Changes syncAsWriter() {
        FileSystem fs = fileSystem();
        Path root = fs.makeQualified(warehouse);
        Map<String, Path> folders = tableFolders(fs, root);
        SessionCatalog catalog = spark.sessionState().catalog();
        if (!catalog.databaseExists(DATABASE)) {
            spark.sql("create database if not exists " + DATABASE + " comment "
                    + literal("model-census tables of the warehouse " + root) + " location "
                    + literal(new Path(new Path(root, SparkSessions.CATALOG_DIR), DATABASE + ".db").toString()));
        }
        List<String> created = new ArrayList<>();
        List<String> commented = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String name : registeredTables(catalog)) {
            if (!folders.containsKey(name)) {
                spark.sql("drop table if exists " + qualified(name));
                dropped.add(name);
            }
        }
        Properties checked = readChecked(fs, root);
        Properties nowChecked = new Properties();
        for (Map.Entry<String, Path> folder : folders.entrySet()) {
            String name = folder.getKey();
            TableIdentifier id = new TableIdentifier(name, Option.apply(DATABASE));
            if (catalog.tableExists(id)) {
                CatalogTable registered = metadata(catalog, id);
                if (!isDeltaAt(registered, folder.getValue())) {
                    LOG.info("catalog: {} was registered as {} at {}; registering it anew at {}", name,
                            registered.provider().getOrElse(() -> "?"), registered.location(), folder.getValue().toUri());
                    spark.sql("drop table " + qualified(name));
                }
            }
            if (!catalog.tableExists(id)) {
                spark.sql("create table " + qualified(name) + " using delta location " + literal(folder.getValue().toString()));
                created.add(name);
            }
            // A table's comments are checked when a commit or the dictionary changed since the last check: reading a
            // Delta table's schema costs a Spark job, listing its log does not.
            String fingerprint = fingerprint(fs, name, folder.getValue());
            if (!fingerprint.equals(checked.getProperty(name))) {
                if (setComments(name, folder.getValue())) {
                    commented.add(name);
                    fingerprint = fingerprint(fs, name, folder.getValue());
                }
            }
            nowChecked.setProperty(name, fingerprint);
        }
        if (!nowChecked.equals(checked)) {
            writeChecked(fs, root, nowChecked);
        }
        return new Changes(created, commented, dropped, folders.size());
    }

    /** The Delta table folders of the layers, by table name (a Parquet warehouse has none: it is not registered). */
    private static Map<String, Path> tableFolders(FileSystem fs, Path root) {
        Map<String, Path> folders = new LinkedHashMap<>();
        try {
            for (String layer : LAYERS) {
                Path layerDir = new Path(root, layer);
                if (!fs.isDirectory(layerDir)) {
                    continue;
                }
                for (FileStatus table : fs.listStatus(layerDir)) {
                    String name = table.getPath().getName();
                    if (!table.isDirectory() || name.startsWith("_") || name.startsWith(".")) {
                        continue;
                    }
                    if (!fs.isDirectory(new Path(table.getPath(), "_delta_log"))) {
                        LOG.info("catalog: {}/{} is not a Delta table; only Delta tables are registered", layer, name);
                    } else if (folders.putIfAbsent(name, table.getPath()) != null) {
                        LOG.warn("catalog: {}/{} has the name of {}; registered once, as {}", layer, name, folders.get(name), name);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list the tables of " + root + ": " + e.getMessage(), e);
        }
        return folders;
    }

    private static List<String> registeredTables(SessionCatalog catalog) {
        List<String> names = new ArrayList<>();
        for (TableIdentifier id : JavaConverters.seqAsJavaList(catalog.listTables(DATABASE, "*", false))) {
            names.add(id.table());
        }
        return names;
    }

    private static CatalogTable metadata(SessionCatalog catalog, TableIdentifier id) {
        try {
            return catalog.getTableMetadata(id);
        } catch (org.apache.spark.sql.AnalysisException e) { // Scala declares NoSuchTable/NoSuchDatabase
            throw new IllegalStateException("Cannot read the catalog entry of " + id + ": " + e.getMessage(), e);
        }
    }

    private boolean isDeltaAt(CatalogTable table, Path folder) {
        boolean delta = table.provider().isDefined() && table.provider().get().equalsIgnoreCase("delta");
        return delta && fileSystem().makeQualified(new Path(table.location())).equals(folder);
    }

    /**
     * Sets the dictionary's comments where the table's differ: all columns in one commit (REPLACE COLUMNS with the
     * same names and types), the table's in another. A Delta table keeps its comments in its own log, so they
     * travel with the table folder. Returns whether anything was set.
     */
    private boolean setComments(String name, Path folder) {
        Snapshot snapshot = DeltaLog.forTable(spark, folder).update(false, Option.empty(), Option.empty());
        StructType schema = snapshot.metadata().schema();
        boolean columnsDiffer = false;
        List<String> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            String wanted = dictionary.columnComment(name, field.name());
            String current = field.getComment().isDefined() ? field.getComment().get() : null;
            String comment = wanted != null ? wanted : current;
            columnsDiffer |= !Objects.equals(comment, current);
            columns.add("`" + field.name() + "` " + field.dataType().sql() + (comment != null ? " comment " + literal(comment) : ""));
        }
        if (columnsDiffer) {
            spark.sql("alter table " + qualified(name) + " replace columns (" + String.join(", ", columns) + ")");
        }
        String wantedTable = dictionary.tableComment(name);
        boolean tableDiffers = wantedTable != null && !wantedTable.equals(snapshot.metadata().description());
        if (tableDiffers) {
            spark.sql("comment on table " + qualified(name) + " is " + literal(wantedTable));
        }
        return columnsDiffer || tableDiffers;
    }

    /** The table's latest Delta commit, its location and its dictionary entries: what its comments depend on. */
    private String fingerprint(FileSystem fs, String name, Path folder) {
        long version = -1;
        try {
            for (FileStatus file : fs.listStatus(new Path(folder, "_delta_log"))) {
                if (FileNames.isDeltaFile(file)) {
                    version = Math.max(version, FileNames.deltaVersion(file));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list the Delta log of " + folder + ": " + e.getMessage(), e);
        }
        return version + " " + dictionary.hashOf(name) + " " + folder.toUri();
    }

    /** {@code <warehouse>/_catalog/checked.properties}: each table's fingerprint when its comments were last checked. */
    private static Path checkedFile(Path root) {
        return new Path(new Path(root, SparkSessions.CATALOG_DIR), "checked.properties");
    }

    private static Properties readChecked(FileSystem fs, Path root) {
        Properties checked = new Properties();
        try (InputStream in = fs.open(checkedFile(root))) {
            checked.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            // first synchronization: everything is checked
        } catch (IOException e) {
            LOG.warn("catalog: cannot read {}; checking every table: {}", checkedFile(root), e.getMessage());
        }
        return checked;
    }

    private static void writeChecked(FileSystem fs, Path root, Properties checked) {
        try (Writer out = new OutputStreamWriter(fs.create(checkedFile(root), true), StandardCharsets.UTF_8)) {
            checked.store(out, "model-census: the Delta commit of each table whose comments the catalog checked last");
        } catch (IOException e) {
            LOG.warn("catalog: cannot write {}: {}", checkedFile(root), e.getMessage());
        }
    }

    /** Tables registered now (sorted), for logs and tests. */
    public List<String> tables() {
        return List.copyOf(new TreeSet<>(registeredTables(spark.sessionState().catalog())));
    }

    private FileSystem fileSystem() {
        try {
            return warehouse.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the warehouse " + warehouse + ": " + e.getMessage(), e);
        }
    }

    private static String qualified(String table) {
        return DATABASE + ".`" + table + "`";
    }

    /** A Spark SQL string literal (backslash escapes are on by default). */
    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
