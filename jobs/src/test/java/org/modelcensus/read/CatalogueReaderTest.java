package org.modelcensus.read;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.CensusTestKit.assertMentions;
import static org.modelcensus.CensusTestKit.assertTable;
import static org.modelcensus.CensusTestKit.lines;
import static org.modelcensus.CensusTestKit.writeFile;
import static org.modelcensus.SparkTestSupport.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.reference.ReferenceData.CatalogueField;
import org.modelcensus.CensusTestKit;

import scala.collection.JavaConverters;

/** The spec's Input and Rejected rows rules, on tiny catalogue files. */
class CatalogueReaderTest {

    private static final String HEADER = "Model,Publication date,Domain,Organization,Country (of organization),Parameters";

    private static CatalogueReader reader;

    @TempDir
    Path dir;

    @BeforeAll
    static void createReader() {
        reader = new CatalogueReader(spark(), CensusTestKit.catalogueFields());
    }

    private CatalogueRead read(String text) {
        return reader.read(writeFile(dir, "catalogue.csv", text).toString());
    }

    private CensusInputException refused(String text) {
        return assertThrows(CensusInputException.class, () -> read(text));
    }

    /** The catalogue text stored as a CSV file or as Parquet (one file, the records in order), read by {@code with}. */
    private CatalogueRead readAs(CatalogueInput.Format format, CatalogueReader with, String text) {
        String file = writeFile(dir, "catalogue.csv", text).toString();
        if (format == CatalogueInput.Format.parquet) {
            String csv = file;
            file = dir.resolve("catalogue.parquet").toString();
            spark().read().option("header", "true").csv(csv).coalesce(1).write().parquet(file);
        }
        CatalogueInput input = with.locate(file, format);
        return with.read(input, with.fingerprint(input));
    }

    @Test
    void byteOrderMarkCrlfAndMultiLineQuotedFieldAreReadIntact() {
        String text = "\uFEFFModel,Publication date,Domain,Organization,Country (of organization),Reference,Link\r\n"
                + "GPT-X,2023-03-14,Language,OpenAI,United States of America,"
                + "\"line one\r\nsays \"\"hi\"\", twice\r\nline three\",https://example.org/gpt-x\r\n"
                + "Second,2022-01-01,Vision,Google,United States of America,plain,https://example.org/second\r\n";

        CatalogueRead catalogue = read(text);

        assertEquals(0, catalogue.header().columnOfField().get("model"), "the BOM must not hide the Model column");
        assertTable(catalogue.accepted().orderBy("source_record"),
                "source_record | model  | publication_date | reference                                   | link",
                "1             | GPT-X  | 2023-03-14       | line one\nsays \"hi\", twice\nline three | https://example.org/gpt-x",
                "2             | Second | 2022-01-01       | plain                                       | https://example.org/second");
        assertEquals(0, catalogue.rejected().count());
    }

    static Stream<Arguments> headerVintages() {
        return Stream.of(
                Arguments.of("old names",
                        "Abstract,Organization categorization (from Organization),Country (from Organization),Organization,"
                                + "Domain,Publication date,System",
                        "\"An abstract, with a comma\",Academia,Canada,Mila,Language,2021-05-06,MilaLM",
                        List.of("Abstract")),
                Arguments.of("new names",
                        "Country (of organization),Notes,Model,Organization categorization,Publication date,Organization,Domain",
                        "Canada,some note,MilaLM,Academia,2021-05-06,Mila,Language",
                        List.of("Notes")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerVintages")
    void headerNamesOfEitherVintageAreFoundInAnyOrder(String vintage, String header, String row, List<String> unused) {
        CatalogueRead catalogue = read(lines(header, row));

        assertTable(catalogue.accepted(),
                "model    | publication_date | domain   | organization | country | organization_category",
                "MilaLM | 2021-05-06       | Language | Mila         | Canada  | Academia");
        assertEquals(unused, catalogue.header().unusedColumns());
        assertEquals(List.of("task", "parameters", "training_compute_flop", "training_dataset_size", "training_hardware",
                "hardware_quantity", "confidence", "model_accessibility", "code_accessibility", "dataset_accessibility",
                "training_dataset", "citations", "reference", "link", "notability_criteria"), catalogue.header().absentFields());
    }

    @Test
    void missingRequiredFieldIsRefusedNamingTheFieldAndTheHeaderFound() {
        CensusInputException error = refused(lines("Model,Publication date,Domain,Organization", "M,2023-01-01,Language,Lab"));

        assertMentions(error.getMessage(), "country", "'Country (of organization)'",
                "'Model'", "'Publication date'", "'Domain'", "'Organization'");
    }

    @Test
    void requiredFieldNamedTwiceInTheHeaderIsRefused() {
        CensusInputException error = refused(lines(HEADER + ",Model", "M,2023-01-01,Language,Lab,Canada,1e9,M2"));

        assertMentions(error.getMessage(), "'Model'");
    }

    @Test
    void requiredFieldNamedTwiceInDifferentCaseIsRefused() {
        CensusInputException error = refused(lines(HEADER + ",model", "M,2023-01-01,Language,Lab,Canada,1e9,M2"));

        assertMentions(error.getMessage(), "'Model'");
    }

    private CatalogueRead readWithRejections() {
        return read(lines(HEADER,
                "Good,2023-01-05,Language,Lab,Canada,1e9",
                "BadDay,2023-02-30,Language,Lab,Canada,1e9",
                "Slashes,2023/01/05,Language,Lab,Canada,1e9",
                "NoDate,,Language,Lab,Canada,1e9",
                ",2023-01-05,Language,Lab,Canada,1e9",
                "Good,2023-06-01,Vision,Other Lab,Canada,2e9",
                "Params,2023-01-05,Language,Lab,Canada,about 7B"));
    }

    @Test
    void rejectedRowsCarryTheirReason() {
        Dataset<Row> rejected = readWithRejections().rejected().orderBy("source_record");

        assertTable(rejected,
                "source_record | model   | publication_date",
                "2             | BadDay  | 2023-02-30",
                "3             | Slashes | 2023/01/05",
                "4             | NoDate  |",
                "5             |         | 2023-01-05",
                "6             | Good    | 2023-06-01");
        List<String> reasons = rejected.select("reason").as(Encoders.STRING()).collectAsList();
        assertAll(
                () -> assertMentions(reasons.get(0), "publication date", "2023-02-30"),
                () -> assertMentions(reasons.get(1), "publication date", "2023/01/05"),
                () -> assertMentions(reasons.get(2), "publication date"),
                () -> assertMentions(reasons.get(3), "empty model name"),
                () -> assertMentions(reasons.get(4), "duplicate model name", "record 1"));
    }

    /**
     * Repeated names reach the records by a broadcast (the usual bound) or, past it, by a shuffle, from a CSV file (kept
     * once read) or Parquet (scanned again): the same verdicts.
     */
    @ParameterizedTest
    @CsvSource({"csv, 100000", "csv, 0", "parquet, 100000", "parquet, 0"})
    void laterRecordsOfANameAreRejectedAndTheFirstKeepsItsOwnVerdict(CatalogueInput.Format format, long broadcastRepeatedNames) {
        CatalogueReader twoWays = new CatalogueReader(spark(), CensusTestKit.catalogueFields(), broadcastRepeatedNames);
        CatalogueRead catalogue = readAs(format, twoWays, lines(HEADER,
                "Twice,2023-02-30,Language,Lab,Canada,1e9",
                "Once,2023-01-05,Language,Lab,Canada,1e9",
                "Twice,2023-03-01,Language,Lab,Canada,1e9",
                " Twice ,2023-04-01,Language,Lab,Canada,1e9",
                "Again,2023-01-05,Language,Lab,Canada,1e9",
                "Again,2023-01-06,Language,Lab,Canada,1e9"));
        Dataset<Row> rejected = catalogue.rejected().orderBy("source_record");

        assertTable(catalogue.accepted().orderBy("source_record").select("source_record", "model"),
                "source_record | model",
                "2             | Once",
                "5             | Again");
        assertEquals(List.of(
                        "1 no valid ISO publication date: '2023-02-30'",
                        "3 duplicate model name (first seen at record 1)",
                        "4 duplicate model name (first seen at record 1)",
                        "6 duplicate model name (first seen at record 5)"),
                rejected.selectExpr("concat(source_record, ' ', reason)").as(Encoders.STRING()).collectAsList());
        catalogue.release();
    }

    @Test
    void firstOfDuplicateNamesIsKeptAndNonNumericParametersAreNotRejected() {
        assertTable(readWithRejections().accepted().orderBy("source_record"),
                "source_record | model  | publication_date | organization | parameters",
                "1             | Good   | 2023-01-05       | Lab          | 1e9",
                "7             | Params | 2023-01-05       | Lab          | about 7B");
    }

    @Test
    void recordWithTheWrongNumberOfFieldsIsRejectedNotDropped() {
        CatalogueRead catalogue = read(lines(HEADER,
                "Short,2023-01-05",
                "Long,2023-01-05,Language,Lab,Canada,1e9,extra",
                "Fits,2023-01-05,Language,Lab,Canada,1e9"));

        Dataset<Row> rejected = catalogue.rejected().orderBy("source_record");
        assertTable(rejected,
                "source_record | model | raw_record",
                "1             | Short | Short,2023-01-05",
                "2             | Long  | Long,2023-01-05,Language,Lab,Canada,1e9,extra");
        rejected.select("reason").as(Encoders.STRING()).collectAsList()
                .forEach(reason -> assertMentions(reason, "number of fields"));
        assertTable(catalogue.accepted(), "source_record | model", "3 | Fits");
    }

    @Test
    void everyRecordReadIsAcceptedOrRejected() {
        CatalogueRead catalogue = readWithRejections();

        List<Long> records = catalogue.accepted().select("source_record")
                .union(catalogue.rejected().select("source_record"))
                .orderBy("source_record").collectAsList().stream().map((Row r) -> r.getLong(0)).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), records);
    }

    /**
     * However wide the catalogue, no plan after the read holds a relation of its every column: Spark 3.5 compares each
     * query with the kept tables in time quadratic in a relation's width (a minute of a run at 5,000 columns).
     */
    @ParameterizedTest
    @EnumSource(value = CatalogueInput.Format.class, names = {"csv", "parquet"})
    void theReadsPlansHoldOnlyTheCatalogueFields(CatalogueInput.Format format) {
        String extra = IntStream.range(0, 1000).mapToObj(i -> ",Extra " + i).collect(Collectors.joining());
        String blanks = ",".repeat(1000);
        CatalogueRead catalogue = readAs(format, reader, lines(HEADER + extra,
                "Wide,2023-01-05,Language,Lab,Canada,1e9" + blanks,
                "Short,2023-01-05,Language,Lab,Canada,1e9"));

        assertEquals(1006, catalogue.header().columnCount());
        int fields = catalogue.header().fieldNames().size();
        for (Dataset<Row> plan : List.of(catalogue.records(), catalogue.accepted(), catalogue.rejected())) {
            for (LogicalPlan leaf : JavaConverters.seqAsJavaList(plan.queryExecution().analyzed().collectLeaves())) {
                assertTrue(leaf.output().size() <= fields + 2, "a relation of " + leaf.output().size() + " columns:\n" + leaf);
            }
        }
        // From CSV the short record is still told by its number of fields; Parquet has no such record.
        assertEquals(format == CatalogueInput.Format.csv ? List.of("Wide") : List.of("Short", "Wide"),
                catalogue.accepted().orderBy("model").select("model").as(Encoders.STRING()).collectAsList());
        catalogue.release();
    }

    /** conf/reference/catalogue_fields.csv may give two fields one header name: both read that column, from any format. */
    @ParameterizedTest
    @EnumSource(value = CatalogueInput.Format.class, names = {"csv", "parquet"})
    void oneColumnNamedForTwoFieldsFillsBoth(CatalogueInput.Format format) {
        List<CatalogueField> fields = new ArrayList<>(CensusTestKit.catalogueFields());
        fields.add(new CatalogueField("parameters_as_given", "Parameters", false));
        CatalogueReader twoNames = new CatalogueReader(spark(), fields);

        assertTable(readAs(format, twoNames, lines(HEADER, "Twin,2023-01-05,Language,Lab,Canada,1e9")).accepted()
                        .select("model", "parameters", "parameters_as_given"),
                "model | parameters | parameters_as_given",
                "Twin  | 1e9        | 1e9");
    }
}
