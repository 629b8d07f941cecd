package org.modelcensus.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.CensusTestKit.MODEL_A;
import static org.modelcensus.CensusTestKit.MODEL_B;
import static org.modelcensus.CensusTestKit.MODEL_C;
import static org.modelcensus.CensusTestKit.catalogue;
import static org.modelcensus.CensusTestKit.census;
import static org.modelcensus.CensusTestKit.warehouse;
import static org.modelcensus.CensusTestKit.assertTable;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.write.Warehouse;

/** catalogue_changes explains what moved between a snapshot and the warehouse's previous one. */
class CatalogueChangesTest {

    @TempDir
    Path dir;

    @Test
    void listsAddedRemovedAndChangedModelsAgainstTheLatestEarlierSnapshot() {
        String root = dir.resolve("warehouse").toString();
        assertEquals(0, census(dir, catalogue(dir, "july.csv", MODEL_A, MODEL_B, MODEL_C), root, "--snapshot-date", "2024-07-16").exitCode());
        // A: another domain and task, more compute, one more country; B: gone; C: as it was; D: new.
        Path august = catalogue(dir, "august.csv",
                "Model A,2023-01-05,\"Language,Multimodal\",Chat,OpenAI,\"United States of America,Canada\",Industry,1.7e11,3.5e23,4e11",
                MODEL_C,
                "Model D,2024-05-01,Vision,Image generation,Lab D,China,Industry,,2e23,");
        assertEquals(0, census(dir, august, root, "--snapshot-date", "2024-08-01").exitCode());

        Warehouse warehouse = warehouse(root);
        assertTable(warehouse.readSnapshot(Warehouse.AUDIT, "catalogue_changes", LocalDate.of(2024, 8, 1)).orElseThrow(),
                "previous_snapshot_date | change_type | model | field | old_value | new_value",
                "2024-07-16 | added | Model D | | |",
                "2024-07-16 | changed | Model A | country | USA | CAN, USA",
                "2024-07-16 | changed | Model A | domain | Language | Language, Multimodal",
                "2024-07-16 | changed | Model A | training_compute_flop | 3.1E23 | 3.5E23",
                "2024-07-16 | removed | Model B | | |");
        assertEquals(0, warehouse.readSnapshot(Warehouse.AUDIT, "catalogue_changes", LocalDate.of(2024, 7, 16)).orElseThrow().count(),
                "the first snapshot has nothing to compare with");
    }
}
