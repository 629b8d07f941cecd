package org.modelcensus.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.CensusTestKit;
import org.modelcensus.Fixtures;
import org.modelcensus.SparkTestSupport;
import org.modelcensus.read.CatalogueReader;

/** The kind of catalogue, from the header and the notability criteria of its accepted models. */
class CatalogueKindTest {

    @TempDir
    Path dir;

    @Test
    void theLargeScaleFileHasNoNotabilityColumn() {
        assertEquals(CatalogueKind.large_scale, kindOf(Fixtures.SNAPSHOT));
    }

    @Test
    void inTheNotableFileEveryModelNamesACriterion() {
        assertEquals(CatalogueKind.notable, kindOf(Fixtures.NOTABLE));
    }

    @Test
    void theAllModelsFileHasModelsThatNameNone() throws IOException {
        // the notable file with the criteria of one model (Orchid-1, "Highly cited") emptied
        String before = "2020-02-10,Orchid-1: a made-up model,https://example.org/orchid-1,100,Highly cited,";
        String notable = Files.readString(Fixtures.NOTABLE);
        Path all = CensusTestKit.writeFile(dir, "all_ai_models.csv", notable.replace(before, before.replace("Highly cited", "")));

        assertEquals(CatalogueKind.all, kindOf(all));
    }

    private static CatalogueKind kindOf(Path catalogue) {
        return CatalogueKind.of(new CatalogueReader(SparkTestSupport.spark(), CensusTestKit.catalogueFields()).read(catalogue.toString()));
    }
}
