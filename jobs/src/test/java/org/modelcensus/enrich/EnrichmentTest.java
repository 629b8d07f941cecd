package org.modelcensus.enrich;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.CensusTestKit.assertRefused;
import static org.modelcensus.CensusTestKit.assertTable;
import static org.modelcensus.CensusTestKit.lines;
import static org.modelcensus.CensusTestKit.writeFile;
import static org.modelcensus.SparkTestSupport.spark;

import java.nio.file.Path;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.CensusTestKit;
import org.modelcensus.Fixtures;
import org.modelcensus.RealCensus;
import org.modelcensus.SampleCensus;
import org.modelcensus.SparkTestSupport;

/**
 * scripts/enrich.sh on the census of the real July-2024 snapshot ({@link RealCensus}): its training hardware joined with
 * Epoch AI's real ML hardware file (conf/epoch/ml_hardware_2025-07.csv), and the report's 2023 private AI investment
 * of four countries in Our World in Data's layout ({@link RealCensus#investmentFile}). Expected values are worked out
 * by hand from the two files.
 */
class EnrichmentTest {

    static final String HARDWARE = Fixtures.HARDWARE.toString();
    static final String CATALOGUE = Fixtures.SNAPSHOT.toString();

    @TempDir
    static Path dir;
    static String warehouse;

    @BeforeAll
    static void censusThenEnrichment() {
        RealCensus.enrichment();
        warehouse = RealCensus.warehouse().toString();
    }

    @Test
    void trainingHardwareIsMatchedWithItsPeakAtTheBestPrecision() {
        // H100 SXM5, MI250X and RTX 2080 Ti through the aliases; TPU v1 has an INT8 figure only; MI250X's FP16 equals its
        // tensor figure and the tensor one is preferred. chip_hours = compute / (peak x 0.4) / 3600.
        assertTable(table("silver", "model_hardware")
                        .where(col("model").isin("Nemotron-4 340B", "Multi-Token Prediction 7B", "Viking", "AlphaGo Zero", "YuYan 11B", "Skywork-13B"))
                        .orderBy("model", "hardware_position"),
                "model | hardware_position | training_hardware | matched | matched_by | hardware | manufacturer | hardware_release_date | peak_flops | peak_precision | chip_hours",
                "AlphaGo Zero | 1 | Google TPU v1 | true | name | Google TPU v1 | Google | 2015-05-15 | 92000000000000 | INT8 | 2573973.429951691",
                "Multi-Token Prediction 7B | 1 | NVIDIA A100 SXM4 80 GB | true | name | NVIDIA A100 SXM4 80 GB | NVIDIA | 2020-11-16 | 312000000000000 | Tensor FP16/BF16 | 854943.9102564101",
                "Multi-Token Prediction 7B | 2 | NVIDIA H100 SXM5 | true | alias | NVIDIA H100 SXM5 80GB | NVIDIA | 2022-09-20 | 989400000000000 | Tensor FP16/BF16 | 269600.2627855266",
                "Nemotron-4 340B | 1 | NVIDIA H100 SXM5 | true | alias | NVIDIA H100 SXM5 80GB | NVIDIA | 2022-09-20 | 989400000000000 | Tensor FP16/BF16 | 12633919.547200322",
                "Skywork-13B | 1 | NVIDIA A800 | false |  |  |  |  |  |  | ",
                "Viking | 1 | AMD Instinct MI250X | true | alias | AMD Radeon Instinct MI250X | AMD | 2021-11-08 | 383000000000000 | Tensor FP16/BF16 | 718015.6657963446",
                "YuYan 11B | 1 | NVIDIA A100 PCIe | true | name | NVIDIA A100 PCIe | NVIDIA | 2020-06-22 | 312000000000000 | Tensor FP16/BF16 | ",
                "YuYan 11B | 2 | NVIDIA GeForce RTX 2080 Ti | true | alias | NVIDIA GeForce RTX 2080 Ti 11GB | NVIDIA | 2018-09-20 | 113800000000000 | Tensor FP16/BF16 | ");
        // 82 models list hardware, 93 names in all (11 list two chips)
        assertEquals(93, table("silver", "model_hardware").count());
        assertEquals(82, table("silver", "model_hardware").select("model").distinct().count());
    }

    @Test
    void theUnmatchedNamesAreListed() {
        // the A800 comes as SXM and as PCIe 40 GB and 80 GB boards: no alias picks one
        assertTable(table("audit", "hardware_unmatched"),
                "training_hardware | hardware_key | models | example_model | first_release_year | last_release_year",
                "NVIDIA A800 | nvidia a800 | 1 | Skywork-13B | 2023 | 2023");
    }

    @Test
    void modelsPerHardwareManufacturerAndYear() {
        assertTable(table("gold", "models_by_hardware_manufacturer_year"),
                "manufacturer | release_year | models",
                "AMD | 2023 | 1", "AMD | 2024 | 2",
                "Google | 2017 | 2", "Google | 2020 | 2", "Google | 2021 | 2", "Google | 2022 | 7", "Google | 2023 | 7", "Google | 2024 | 1",
                "Huawei | 2021 | 1", "Huawei | 2023 | 1",
                "NVIDIA | 2020 | 1", "NVIDIA | 2021 | 4", "NVIDIA | 2022 | 10", "NVIDIA | 2023 | 23", "NVIDIA | 2024 | 19");
    }

    @Test
    void computePerCountryAndYear() {
        // Korea 2023: 8 models, 3 with a compute figure (Konan LLM 41B 1.722e23, Mi:dm 200B 1.2e24, VARCO LLM 2.0 base 1.248e23)
        assertTable(table("gold", "compute_by_country_year").where(col("country_code").equalTo("KOR")),
                "country_code | country_name_en | country_name_ko | release_year | models | models_with_compute | total_training_compute_flop | median_training_compute_flop",
                "KOR | Korea | 한국 | 2021 | 3 | 2 | 1.22805e+24 | 6.14025e+23",
                "KOR | Korea | 한국 | 2023 | 8 | 3 | 1.497e+24 | 1.722e+23");
    }

    @Test
    void modelsPerBillionUsdOfInvestment() {
        // 2023 models (models_by_country_year): KOR 8, USA 41, CHN 37, GBR 1; France has 5 models and no investment row;
        // World and the code-less Europe row are aggregates, not countries.
        assertTable(table("gold", "investment_vs_models")
                        .where(col("country_code").isin("KOR", "USA", "CHN", "GBR", "FRA", "OWID_WRL")).orderBy("country_code"),
                "country_code | country_name_en | year | investment_usd | investment_records | models | models_per_usd_1b",
                "CHN | China | 2023 | 7760000000 | 1 | 37 | 4.768041237113402",
                "FRA | France | 2023 |  |  | 5 | ",
                "GBR | United Kingdom | 2023 | 3780000000 | 1 | 1 | 0.2645502645502646",
                "KOR | Korea | 2023 | 1390000000 | 1 | 8 | 5.755395683453238",
                "USA | United States | 2023 | 67220000000 | 1 | 41 | 0.609937518595656");
        assertEquals(0, table("gold", "investment_vs_models").where(col("year").notEqual(2023)).count(), "only the input's years");
    }

    @Test
    void dealLevelDataIsSummedPerCountryAndYearFromCsvOrParquetWithMappedColumns() {
        // Amounts in USD millions; countries as names of conf/reference/countries.csv or codes in any case.
        Path deals = writeFile(dir, "deals.csv", lines(
                "deal_id,nation,signed_on,usd_m,sector",
                "1,Korea (Republic of),2023-02-01,400,Chips",
                "2,kor,2023-11-30,990,Software",
                "3,United States,2023-05-05,67220,Software",
                "4,Korea,2022-01-01,100,Robotics",
                "5,Atlantis,2023-01-01,5,Software",
                "6,USA,2023-06-01,n/a,Software",
                "7,USA,,10,Software"));
        String[] mapping = {"--investment-country-column", "nation", "--investment-date-column", "signed_on",
                "--investment-amount-column", "usd_m", "--investment-amount-scale", "1000000"};
        String csvWarehouse = copyOfCensus("deals-csv");
        CensusTestKit.Outcome fromCsv = CensusTestKit.enrich(concat(new String[] {"--warehouse", csvWarehouse,
                "--investment", deals.toString()}, mapping));
        assertEquals(0, fromCsv.exitCode(), fromCsv.err());

        String parquet = dir.resolve("deals.parquet").toString();
        spark().read().option("header", "true").csv(deals.toString()).selectExpr("nation", "cast(signed_on as date) as signed_on",
                "try_cast(usd_m as double) as usd_m", "sector").write().parquet(parquet);
        String parquetWarehouse = copyOfCensus("deals-parquet");
        CensusTestKit.Outcome fromParquet = CensusTestKit.enrich(concat(new String[] {"--warehouse", parquetWarehouse,
                "--investment", parquet}, mapping));
        assertEquals(0, fromParquet.exitCode(), fromParquet.err());

        for (String root : new String[] {csvWarehouse, parquetWarehouse}) {
            // KOR 2023: 400 + 990 million; 2022: 100 million (3 models in 2021, none in 2022); the unknown country, the
            // amount that is not a number and the row without a date are left out (and logged)
            assertTable(read(root, "gold", "investment_vs_models").where(col("country_code").isin("KOR", "USA")).orderBy("year", "country_code"),
                    "country_code | year | investment_usd | investment_records | models | models_per_usd_1b",
                    "KOR | 2022 | 100000000 | 1 | 0 | 0",
                    "USA | 2022 |  |  | 18 | ",
                    "KOR | 2023 | 1390000000 | 2 | 8 | 5.755395683453238",
                    "USA | 2023 | 67220000000 | 1 | 41 | 0.609937518595656");
        }
    }

    @Test
    void aReRunReplacesTheSnapshotAndUtilizationScalesChipHours() {
        String root = SampleCensus.copyWarehouse(dir.resolve("sample-warehouse")).toString();
        for (String utilization : new String[] {"0.4", "0.5"}) {
            CensusTestKit.Outcome run = CensusTestKit.enrich("--warehouse", root, "--hardware", HARDWARE, "--utilization", utilization);
            assertEquals(0, run.exitCode(), run.err());
        }
        Dataset<Row> rows = read(root, "silver", "model_hardware");
        assertEquals(31, rows.count(), "28 accepted models list hardware, 3 of them two chips: replaced, not appended");
        // Llama 3-70B: 6.30000000001e24 FLOP on H100 SXM5 (9.894e14 FLOP/s) at 50 %
        assertTable(rows.where(col("model").equalTo("Llama 3-70B")),
                "model | hardware | peak_flops | chip_hours", "Llama 3-70B | NVIDIA H100 SXM5 80GB | 989400000000000 | 3537497.4732217058");
    }

    @Test
    void badInputIsRefusedWithWhatToDo() {
        Path notHardware = writeFile(dir, "chips.csv", lines("Name,Maker", "H100,NVIDIA"));
        Path wide = writeFile(dir, "wide.csv", lines("country,when,value", "KOR,2023,1"));
        Path twoValues = writeFile(dir, "owid-two.csv", lines("Entity,Code,Year,Private,Public", "South Korea,KOR,2023,1,2"));
        assertRefused(CensusTestKit.enrich("--warehouse", warehouse), "Nothing to join", "--hardware", "--investment");
        assertRefused(CensusTestKit.enrich("--warehouse", dir.resolve("none").toString(), "--hardware", HARDWARE),
                "No census in", "scripts/run.sh");
        assertRefused(CensusTestKit.enrich("--warehouse", warehouse, "--hardware", notHardware.toString()),
                "chips.csv", "no column 'Hardware name'", "[Name, Maker]");
        assertRefused(CensusTestKit.enrich("--warehouse", warehouse, "--hardware", dir.resolve("missing.csv").toString()),
                "--hardware", "missing.csv", "does not exist");
        assertRefused(CensusTestKit.enrich("--warehouse", warehouse, "--investment", wide.toString()),
                "wide.csv", "--investment-country-column", "--investment-amount-column", "[country, when, value]");
        assertRefused(CensusTestKit.enrich("--warehouse", warehouse, "--investment", wide.toString(), "--investment-country-column", "country",
                "--investment-year-column", "year", "--investment-amount-column", "value"), "no column 'year'", "--investment-year-column");
        assertRefused(CensusTestKit.enrich("--warehouse", warehouse, "--investment", twoValues.toString()),
                "2 value columns", "[Private, Public]", "--investment-amount-column");
        assertRefused(CensusTestKit.enrich("--warehouse", warehouse, "--hardware", HARDWARE, "--utilization", "0"), "--utilization");
        assertRefused(CensusTestKit.enrich("--warehouse", warehouse, "--hardware", HARDWARE, "--snapshot-date", "2020-01-01"),
                "Snapshot 2020-01-01 is not stored", "2024-07-16");
    }

    /** A table of the shared warehouse, all its columns but snapshot_date. */
    private static Dataset<Row> table(String layer, String name) {
        return read(warehouse, layer, name);
    }

    private static Dataset<Row> read(String root, String layer, String name) {
        return spark().read().format("delta").load(root + "/" + layer + "/" + name).drop("snapshot_date");
    }

    /** A warehouse holding the census snapshot of the shared one (its silver tables), for a run of its own. */
    private static String copyOfCensus(String name) {
        String root = dir.resolve(name).toString();
        for (String table : new String[] {"models", "model_countries"}) {
            spark().read().format("delta").load(warehouse + "/silver/" + table).write().format("delta")
                    .partitionBy("snapshot_date", "release_year").save(root + "/silver/" + table);
        }
        return root;
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
