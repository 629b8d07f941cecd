package org.modelcensus.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.modelcensus.serve.BiCredentials;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The SQL endpoint under load, for the benchmark (scripts/bench.sh --endpoint): clients at once, each on its own
 * connection, each sending its queries one after another, a mix of honest reads of the census (every answer checked
 * against the expected tables of the snapshot) and statements the endpoint must refuse (every one must be refused).
 * Prints the latency of each kind (p50, p95, max) and the throughput; exits 1 on a wrong answer or an accepted attack.
 * A benchmark harness, never part of the product: it lives in the tests.
 */
@Command(name = "endpoint-load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sends honest and refused statements to a running SQL endpoint from several clients at once.")
public final class EndpointLoad {

    /** Statements the endpoint refuses: files, paths, other databases, settings, code, writes. */
    private static final List<String> REFUSED = List.of(
            "select * from text.`/etc/hostname`",
            "select * from csv.`/proc/self/environ`",
            "set spark.sql.runSQLOnFiles=true",
            "select reflect('java.lang.System', 'getenv', 'HOME')",
            "show tables in default",
            "drop table census.country_ranking",
            "insert into census.models_by_year values (2030, 99, date'2024-07-16')",
            "select * from range(2000000000)");

    @Option(names = "--url", required = true, description = "JDBC URL of the endpoint (jdbc:hive2://127.0.0.1:PORT/census).")
    String url;

    @Option(names = "--expected", required = true, description = "Folder of the expected gold tables of the snapshot (CSV).")
    Path expected;

    @Option(names = "--snapshot-date", defaultValue = "2024-07-16", description = "Snapshot of the expected tables (default: ${DEFAULT-VALUE}).")
    String snapshotDate;

    @Option(names = "--clients", defaultValue = "8", description = "Clients at once (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--queries", defaultValue = "50", description = "Statements per client (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--refused-every", defaultValue = "4", description = "Every n-th statement is one to refuse (default: ${DEFAULT-VALUE}).")
    int refusedEvery;

    /** A statement and the one-line answer it must give; a null answer: it must be refused. */
    private record Probe(String sql, String answer) {
    }

    private record Timing(boolean honest, long micros, String failure) {
    }

    public static void main(String[] args) throws Exception {
        EndpointLoad load = new EndpointLoad();
        CommandLine commandLine = new CommandLine(load);
        commandLine.parseArgs(args);
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(System.out);
            return;
        }
        System.exit(load.run());
    }

    int run() throws Exception {
        List<Probe> honest = honestProbes();
        BiCredentials credentials = BiCredentials.load(System.getenv());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<List<Timing>>> results = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int first = client;
            results.add(pool.submit(() -> runClient(first, honest, credentials)));
        }
        List<Timing> timings = new ArrayList<>();
        for (Future<List<Timing>> result : results) {
            timings.addAll(result.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();

        List<String> failures = timings.stream().filter(t -> t.failure() != null).map(Timing::failure).toList();
        System.out.printf("endpoint load: %d clients x %d statements in %.1f s (%.1f statements/s), %d honest and %d refused%n",
                clients, queries, seconds, timings.size() / seconds, timings.stream().filter(Timing::honest).count(),
                timings.stream().filter(t -> !t.honest()).count());
        System.out.println(latency("honest reads", timings.stream().filter(Timing::honest).toList()));
        System.out.println(latency("refused statements", timings.stream().filter(t -> !t.honest()).toList()));
        failures.stream().limit(20).forEach(f -> System.out.println("FAILED: " + f));
        System.out.println(failures.isEmpty() ? "every honest answer correct, every attack refused" : failures.size() + " failures");
        return failures.isEmpty() ? 0 : 1;
    }

    private List<Timing> runClient(int client, List<Probe> honest, BiCredentials credentials) throws SQLException {
        List<Timing> timings = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, credentials.user(), credentials.password())) {
            for (int i = 0; i < queries; i++) {
                int n = client * queries + i;
                boolean refuse = i % refusedEvery == refusedEvery - 1;
                Probe probe = refuse ? new Probe(REFUSED.get(n % REFUSED.size()), null) : honest.get(n % honest.size());
                long started = System.nanoTime();
                String failure = check(connection, probe);
                timings.add(new Timing(!refuse, (System.nanoTime() - started) / 1000, failure));
            }
        }
        return timings;
    }

    /** Null when the statement gave its answer (or was refused, as it must be), else what went wrong. */
    private static String check(Connection connection, Probe probe) {
        try (Statement statement = connection.createStatement()) {
            List<String> rows = new ArrayList<>();
            if (statement.execute(probe.sql())) {
                try (ResultSet results = statement.getResultSet()) {
                    while (results.next()) {
                        rows.add(String.valueOf(results.getString(1)).strip());
                    }
                }
            }
            if (probe.answer() == null) {
                return "not refused: " + probe.sql();
            }
            return rows.equals(List.of(probe.answer())) ? null : probe.sql() + ": " + rows + ", expected " + probe.answer();
        } catch (SQLException e) {
            return probe.answer() == null ? null : probe.sql() + ": " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    /** Row counts of every gold table and the models of every country of country_ranking, from the expected CSVs. */
    private List<Probe> honestProbes() throws IOException {
        List<Probe> probes = new ArrayList<>();
        String snapshot = " where snapshot_date = '" + snapshotDate + "'";
        try (Stream<Path> files = Files.list(expected)) {
            for (Path file : files.sorted().toList()) {
                String table = file.getFileName().toString().replace(".csv", "");
                List<String[]> rows = read(file);
                probes.add(new Probe("select count(*) from census." + table + snapshot, Integer.toString(rows.size() - 1)));
                if (table.equals("country_ranking")) {
                    int code = List.of(rows.get(0)).indexOf("country_code");
                    int models = List.of(rows.get(0)).indexOf("models");
                    for (String[] row : rows.subList(1, rows.size())) {
                        probes.add(new Probe("select models from census.country_ranking" + snapshot + " and country_code = '"
                                + row[code] + "'", row[models]));
                    }
                }
            }
        }
        return probes;
    }

    private static List<String[]> read(Path file) throws IOException {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setLineSeparatorDetectionEnabled(true);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new CsvParser(settings).parseAll(in);
        }
    }

    private static String latency(String kind, List<Timing> timings) {
        List<Long> micros = new ArrayList<>(timings.stream().map(Timing::micros).toList());
        if (micros.isEmpty()) {
            return kind + ": none";
        }
        Collections.sort(micros);
        return String.format("%s: p50 %.0f ms, p95 %.0f ms, max %.0f ms (%d statements)", kind, percentile(micros, 50) / 1000.0,
                percentile(micros, 95) / 1000.0, micros.get(micros.size() - 1) / 1000.0, micros.size());
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
