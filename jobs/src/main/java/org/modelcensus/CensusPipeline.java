package org.modelcensus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.modelcensus.catalog.CensusCatalog;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.config.CensusOptions;
import org.modelcensus.config.TextSource;
import org.modelcensus.read.CatalogueRead;
import org.modelcensus.read.CatalogueReader;
import org.modelcensus.reference.ReferenceData;
import org.modelcensus.transform.CensusFunctions;
import org.modelcensus.transform.SqlRunner;
import org.modelcensus.write.CsvExporter;
import org.modelcensus.write.TableWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One census run: read → normalize (silver) → breakdowns (gold) → write. */
public final class CensusPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(CensusPipeline.class);
    private static final Pattern DATE_IN_NAME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Tables are written this many at a time: a Delta commit mostly waits on the file system, not the CPU. */
    private static final int PARALLEL_WRITES = 4;

    private final SparkSession spark;

    public CensusPipeline(SparkSession spark) {
        this.spark = spark;
    }

    /** What a run produced: the tables by name and the read counts. */
    public record Result(CensusConfig config, long read, long accepted, long rejected,
                         Map<String, Dataset<Row>> silver, Map<String, Dataset<Row>> gold, Map<String, Long> rowsWritten) {
    }

    public Result run(CensusConfig requested) {
        CensusFunctions.register(spark);
        TextSource referenceFiles = TextSource.of(requested.referenceDir(), "conf/reference");
        ReferenceData reference = new ReferenceData(spark, referenceFiles);
        Set<String> countryCodes = reference.registerViews();
        if (!countryCodes.contains(requested.focusCountry())) {
            throw new CensusInputException("Unknown --focus-country " + requested.focusCountry() + ": it is not a country code of "
                    + referenceFiles.describe("countries.csv") + " (known: " + String.join(", ", countryCodes) + ").");
        }

        CatalogueReader reader = new CatalogueReader(spark, reference.catalogueFields());
        FileStatus input = reader.inputStatus(requested.input());
        CensusConfig config = requested.snapshotDate() != null ? requested : withSnapshotDate(requested, snapshotDateOf(input));
        sizeShufflePartitions(input.getLen());
        LOG.info("census of {} as snapshot {} (window {}-{}, format {})", config.input(), config.snapshotDate(),
                config.fromYear(), config.toYear(), config.format());

        CatalogueRead catalogue = reader.read(config.input());
        if (!catalogue.header().unusedColumns().isEmpty()) {
            LOG.info("columns not used by the census: {}", catalogue.header().unusedColumns());
        }
        long started = System.nanoTime();
        long accepted = catalogue.accepted().count();
        long rejected = catalogue.rejected().count();
        if (accepted + rejected == 0) {
            throw new CensusInputException("Input file " + config.input() + " has a header but no model rows.");
        }

        // Each table is computed once and kept, with its query plan cut short: later SQL files then plan against
        // a small stored table rather than the whole chain of views before it (planning, not data, is what costs
        // most on a catalogue of a few hundred rows).
        materialize(catalogue.accepted()).createOrReplaceTempView("catalogue_accepted");
        SqlRunner sql = new SqlRunner(spark, TextSource.of(config.sqlDir(), "sql"), config.sqlParameters());
        LOG.info("read {} in {}", config.input(), elapsed(started));
        sql.run("staging");
        Map<String, Dataset<Row>> silver = sql.run("silver", CensusPipeline::materialize);
        LOG.info("silver tables computed in {}", elapsed(started));
        // Gold tables are small aggregates of the silver ones: kept once computed (by the parallel writes) for
        // the counts and the export.
        Map<String, Dataset<Row>> gold = sql.run("gold", table -> table.persist(StorageLevel.MEMORY_AND_DISK()));

        Map<String, Dataset<Row>> silverTables = new LinkedHashMap<>(silver);
        silverTables.put("rejected_rows", catalogue.rejected());
        TableWriter writer = new TableWriter(spark, config.warehouse(), config.format(), config.snapshotDate());
        Map<String, Long> written = new LinkedHashMap<>();
        written.putAll(writeAll(writer, "silver", silverTables));
        written.putAll(writeAll(writer, "gold", gold));

        LOG.info("tables written in {}", elapsed(started));
        CensusCatalog.registerAfterRun(spark, config.warehouse());
        if (config.exportCsvDir() != null) {
            CsvExporter exporter = new CsvExporter(spark, config.exportCsvDir());
            gold.forEach(exporter::export);
            LOG.info("exported {} breakdown tables to {}", gold.size(), config.exportCsvDir());
        }
        LOG.info("read {} records = {} accepted + {} rejected; wrote {} tables to {}", accepted + rejected, accepted, rejected,
                written.size(), config.warehouse());
        return new Result(config, accepted + rejected, accepted, rejected, silver, gold, written);
    }

    private static String elapsed(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static Dataset<Row> materialize(Dataset<Row> table) {
        return table.localCheckpoint(true);
    }

    private Map<String, Long> writeAll(TableWriter writer, String layer, Map<String, Dataset<Row>> tables) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_WRITES);
        try {
            Map<String, Future<Long>> pending = new LinkedHashMap<>();
            tables.forEach((name, rows) -> pending.put(name, pool.submit(() -> writer.write(layer, name, rows))));
            Map<String, Long> written = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Long>> entry : pending.entrySet()) {
                written.put(layer + "." + entry.getKey(), entry.getValue().get());
            }
            return written;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + layer + " tables", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Spec default: the first YYYY-MM-DD in the file name, else the file's modification date (UTC). */
    static LocalDate snapshotDateOf(FileStatus input) {
        Matcher matcher = DATE_IN_NAME.matcher(input.getPath().getName());
        while (matcher.find()) {
            LocalDate date = CensusOptions.parseIsoDate(matcher.group());
            if (date != null) {
                return date;
            }
        }
        return Instant.ofEpochMilli(input.getModificationTime()).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Small catalogues should not pay for many tasks; big ones get one partition per 64 MB of input. */
    private void sizeShufflePartitions(long inputBytes) {
        if (new org.apache.spark.SparkConf().contains("spark.sql.shuffle.partitions")) {
            return; // set by the user with spark-submit --conf: theirs wins
        }
        int byInput = (int) Math.min(2000, inputBytes / (64L << 20) + 1);
        int partitions = Math.max(spark.sparkContext().defaultParallelism(), byInput);
        spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
    }

    private static CensusConfig withSnapshotDate(CensusConfig c, LocalDate date) {
        return new CensusConfig(c.input(), c.warehouse(), c.format(), date, c.fromYear(), c.toYear(), c.focusCountry(),
                c.topYear(), c.topN(), c.minOrgModels(), c.exportCsvDir(), c.master(), c.sqlDir(), c.referenceDir());
    }
}
