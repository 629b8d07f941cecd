package org.modelcensus.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.CensusTestKit.assertTable;
import static org.modelcensus.transform.TinyCatalogue.model;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelcensus.CensusTestKit;

/** The spec's Normalization and Reference data rules, on the silver tables of a tiny catalogue. */
class NormalizationTest {

    private static final String USA = "United States of America";
    private static final String GBR = "United Kingdom of Great Britain and Northern Ireland";

    private static Map<String, Dataset<Row>> views;

    @BeforeAll
    static void runStagingAndSilver() {
        List<TinyCatalogue.ModelRow> catalogue = List.of(
                model("ListSplit", "2022-01-10")
                        .domain(" Language ,, Language , Vision ").task("Chat, ,Chat, Translation")
                        .organization(" Meta AI , ,Meta AI, Facebook AI Research").country(USA + ", " + USA)
                        .category("Industry, Industry").parameters("about 7B").compute("3.1e23"),
                model("KoreanModel", "2022-02-01").domain("Language")
                        .task("Language modelling, Language modelling/generation, Language generation")
                        .organization("LG AI Research").country("Korea (Republic of)").category("Industry")
                        .parameters("1.5e9"),
                model("MultiHQ", "2022-03-01").domain("Multimodal, Vision").task("Image generation")
                        .organization("Google DeepMind, Stability AI").country("Multinational").category("Industry"),
                model("MultiNoHQ", "2022-04-01").domain("Language").task("Chat")
                        .organization("Some Lab").country("Multinational").category("Research collective"),
                model("Mixed", "2022-05-01").domain("Language").task("Chat")
                        .organization("Hugging Face").country("France, Multinational").category("Industry"),
                model("Atlantis", "2022-06-01").domain("Audio, Speech")
                        .organization("Deep Sea Lab").country("Atlantis").category("Academia"),
                model("CoDev", "2022-07-01").domain("Language").task("Chat")
                        .organization("Google, OpenAI").country(USA + ", China").category("Industry"),
                model("HongKong", "2022-08-01").domain("Vision").task("Image classification")
                        .organization("SenseTime").country("Hong Kong, China").category("Industry, Academia"),
                model("SameGroup", "2022-09-01").domain("Games").task("Atari")
                        .organization("Google Brain, DeepMind").country(GBR).category("Industry"),
                // "Other" is not in org_categories.csv (kept as listed, not mapped); Research collective maps to Other
                model("TwoToOther", "2022-10-01").domain("Language").task("Chat")
                        .organization("Some Lab").country(USA).category("Other, Research collective, Academia"));
        views = TinyCatalogue.census(CensusTestKit.config(2024, 4), catalogue, "staging", "silver");
    }

    @AfterAll
    static void releaseViews() {
        TinyCatalogue.release(views);
    }

    private static Dataset<Row> rowsOf(String view, String models, String... orderBy) {
        return views.get(view).where("model in (" + models + ")").orderBy("model", orderBy);
    }

    @Test
    void splitListTrimsDropsEmptyItemsAndRepeatsKeepingOrder() {
        assertEquals(List.of("Meta AI", "Google"), CensusFunctions.splitList(" Meta AI , ,Meta AI,Google,"));
        assertEquals(List.of(), CensusFunctions.splitList(" , "));
        assertEquals(List.of(), CensusFunctions.splitList(null));
    }

    @Test
    void listFieldsOfAModelAreSplitTrimmedAndDeduplicated() {
        assertTable(rowsOf("models", "'ListSplit'"),
                "model     | domains         | tasks            | organizations                | org_groups | org_categories | country_codes",
                "ListSplit | Language;Vision | Chat;Translation | Meta AI;Facebook AI Research | Meta       | Industry       | USA");
    }

    @Test
    void nonNumericParametersBecomeNull() {
        assertTable(rowsOf("stg_catalogue", "'ListSplit', 'KoreanModel'"),
                "model       | parameters | training_compute_flop",
                "KoreanModel | 1500000000 |",
                "ListSplit   |            | 3.1e+23");
    }

    @Test
    void countryLabelsMapToIsoCodesWithEnglishAndKoreanNames() {
        assertTable(rowsOf("model_countries", "'KoreanModel', 'SameGroup', 'HongKong'", "country_position"),
                "model       | country_position | country_code | country_name_en | country_name_ko | is_mapped | codeveloped",
                "HongKong    | 1                | HKG          | Hong Kong       | 홍콩            | true      | true",
                "HongKong    | 2                | CHN          | China           | 중국            | true      | true",
                "KoreanModel | 1                | KOR          | Korea           | 한국            | true      | false",
                "SameGroup   | 1                | GBR          | United Kingdom  | 영국            | true      | false");
    }

    @Test
    void multinationalIsReplacedByTheHeadquartersOfTheOrganizations() {
        assertTable(rowsOf("model_countries", "'MultiHQ', 'Mixed'", "country_position"),
                "model   | country_code | country_name_en | codeveloped",
                "Mixed   | FRA          | France          | true",
                "Mixed   | USA          | United States   | true",
                "MultiHQ | USA          | United States   | true",
                "MultiHQ | GBR          | United Kingdom  | true");
    }

    @Test
    void multinationalWithoutHeadquartersStaysMultinational() {
        assertTable(rowsOf("model_countries", "'MultiNoHQ'"),
                "model     | country_code  | country_name_en | codeveloped",
                "MultiNoHQ | Multinational |                 | false");
    }

    @Test
    void unknownCountryLabelIsKeptAsItsOwnCodeUnmapped() {
        assertTable(rowsOf("model_countries", "'Atlantis'"),
                "model    | country_label | country_code | country_name_en | country_name_ko | is_mapped | codeveloped",
                "Atlantis | Atlantis      | Atlantis     |                 |                 | false     | false");
    }

    @Test
    void modelsWithTwoOrMoreCountriesAreCodeveloped() {
        assertTable(views.get("models").orderBy("model"),
                "model       | country_codes | codeveloped",
                "Atlantis    | Atlantis      | false",
                "CoDev       | USA;CHN       | true",
                "HongKong    | HKG;CHN       | true",
                "KoreanModel | KOR           | false",
                "ListSplit   | USA           | false",
                "Mixed       | FRA;USA       | true",
                "MultiHQ     | USA;GBR       | true",
                "MultiNoHQ   | Multinational | false",
                "SameGroup   | GBR           | false",
                "TwoToOther  | USA           | false");
    }

    @Test
    void organizationsFallInGroupsAndUnknownOnesAreTheirOwnGroup() {
        assertTable(rowsOf("model_organizations", "'SameGroup', 'CoDev', 'MultiNoHQ'", "organization_position"),
                "model     | organization | org_group | hq_country_code",
                "CoDev     | Google       | Google    | USA",
                "CoDev     | OpenAI       | OpenAI    |",
                "MultiNoHQ | Some Lab     | Some Lab  |",
                "SameGroup | Google Brain | Google    | USA",
                "SameGroup | DeepMind     | Google    |");
    }

    @Test
    void developmentTypeIsSingleForOneOrganizationGroupElseJoint() {
        assertTable(rowsOf("models", "'SameGroup', 'CoDev', 'MultiHQ', 'MultiNoHQ'"),
                "model     | org_groups          | development_type",
                "CoDev     | Google;OpenAI       | joint",
                "MultiHQ   | Google;Stability AI | joint",
                "MultiNoHQ | Some Lab            | single",
                "SameGroup | Google              | single");
    }

    @Test
    void audioAndSpeechShareADomainGroupAndMultimodalIsNotADomain() {
        assertTable(rowsOf("model_domains", "'Atlantis', 'MultiHQ'", "domain_position"),
                "model    | domain | domain_group",
                "Atlantis | Audio  | Audio & Speech",
                "Atlantis | Speech | Audio & Speech",
                "MultiHQ  | Vision | Vision");
    }

    @Test
    void multimodalIsAFlagOfTheModel() {
        assertEquals(List.of("MultiHQ"), views.get("models").where("multimodal").select("model")
                .collectAsList().stream().map(r -> r.getString(0)).toList());
    }

    @Test
    void languageModellingLabelsShareATaskGroup() {
        assertTable(rowsOf("model_tasks", "'KoreanModel', 'SameGroup'", "task_position"),
                "model       | task                          | task_group",
                "KoreanModel | Language modelling            | Language modeling/generation",
                "KoreanModel | Language modelling/generation | Language modeling/generation",
                "KoreanModel | Language generation           | Language modeling/generation",
                "SameGroup   | Atari                         | Atari");
    }

    @Test
    void taskCountIsDistinctLabelsBeforeGroupingAndZeroWithoutTasks() {
        assertTable(rowsOf("models", "'KoreanModel', 'ListSplit', 'Atlantis'"),
                "model       | task_count",
                "Atlantis    | 0",
                "KoreanModel | 3",
                "ListSplit   | 2");
    }

    @Test
    void organizationCategoriesMapResearchCollectiveToOther() {
        assertTable(rowsOf("model_org_categories", "'MultiNoHQ', 'HongKong', 'ListSplit'", "category_position"),
                "model     | epoch_category      | org_category | is_mapped",
                "HongKong  | Industry            | Industry     | true",
                "HongKong  | Academia            | Academia     | true",
                "ListSplit | Industry            | Industry     | true",
                "MultiNoHQ | Research collective | Other        | true");
    }

    @Test
    void twoCategoryLabelsOfOneCategoryKeepTheFirst() {
        assertTable(rowsOf("model_org_categories", "'TwoToOther'", "category_position"),
                "model      | category_position | epoch_category | org_category | is_mapped",
                "TwoToOther | 1                 | Other          | Other        | false",
                "TwoToOther | 3                 | Academia       | Academia     | true");
        assertTable(rowsOf("models", "'TwoToOther'"),
                "model      | org_categories",
                "TwoToOther | Other;Academia");
    }
}
