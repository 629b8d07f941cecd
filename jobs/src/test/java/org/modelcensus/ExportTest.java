package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.CensusTestKit.assertRefused;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/export.sh writes a stored snapshot's CSV files from the warehouse alone, the same as --export-csv. */
class ExportTest {

    @TempDir
    Path dir;

    @Test
    void exportFromTheWarehouseEqualsTheRunsOwnExport() throws IOException {
        // The suite's census of the sample, run with --export-csv; the export only reads its warehouse.
        String root = SampleCensus.warehouse().toString();
        Path ofRun = SampleCensus.exportDir();

        Path ofWarehouse = dir.resolve("warehouse-export");
        CensusTestKit.Outcome export = CensusTestKit.export("--warehouse", root, "--snapshot-date", "2024-07-16", "--out", ofWarehouse.toString());

        assertEquals(0, export.exitCode(), export.err());
        List<String> files = csvFiles(ofRun);
        assertEquals(22, files.size(), "18 gold tables (the report's 13, compute_by_country_year, 4 beyond the report) rejected_rows and 3 audit tables: " + files);
        assertTrue(files.containsAll(List.of("rejected_rows.csv", "data_quality.csv", "catalogue_changes.csv", "census_runs.csv")), files.toString());
        assertEquals(files, csvFiles(ofWarehouse));
        for (String file : files) {
            assertEquals(Files.readString(ofRun.resolve(file)), Files.readString(ofWarehouse.resolve(file)), file);
        }
        assertEquals(3, Files.readAllLines(ofRun.resolve("rejected_rows.csv")).size(), "header and the sample's 2 rejected records");
    }

    @Test
    void anOutputFolderThatCannotBeMadeIsRefused() {
        Path file = CensusTestKit.writeFile(dir, "a-file", "x");
        assertRefused(CensusTestKit.export("--warehouse", SampleCensus.warehouse().toString(), "--out", file.resolve("csv").toString()),
                "Cannot create --out " + file.resolve("csv"), "Give a folder this user can write.");
    }

    @Test
    void aSnapshotThatIsNotStoredIsRefused() {
        String root = SampleCensus.warehouse().toString();

        assertRefused(CensusTestKit.export("--warehouse", root, "--snapshot-date", "2020-01-01", "--out", dir.resolve("out").toString()),
                "Snapshot 2020-01-01 is not stored", "2024-07-16");
        assertRefused(CensusTestKit.export("--warehouse", dir.resolve("nothing").toString(), "--out", dir.resolve("out").toString()),
                "No census tables in");
    }

    private static List<String> csvFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList();
        }
    }
}
