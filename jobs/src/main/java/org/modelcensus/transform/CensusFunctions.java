package org.modelcensus.transform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/** SQL functions the census SQL files use, registered once per session. */
public final class CensusFunctions {

    private CensusFunctions() {
    }

    public static void register(SparkSession spark) {
        spark.udf().register("split_list", (UDF1<String, List<String>>) CensusFunctions::splitList,
                DataTypes.createArrayType(DataTypes.StringType, false));
        spark.udf().register("hardware_key", (UDF1<String, String>) CensusFunctions::hardwareKey, DataTypes.StringType);
    }

    /**
     * The key two hardware names are matched on: lower case, "80 GB" and "80GB" alike, every run of punctuation or
     * spaces one space ("NVIDIA A100 SXM4 80 GB" and "nvidia a100-sxm4 80GB" meet). Names that differ in more than
     * that are matched through conf/reference/hardware_aliases.csv.
     */
    public static String hardwareKey(String name) {
        if (name == null) {
            return null;
        }
        String key = name.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("([0-9]+)\\s*gb\\b", "$1gb")
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
        return key.isEmpty() ? null : key;
    }

    /** The spec's list rule: split on ',', trim, drop empty items, drop repeats keeping the first. */
    public static List<String> splitList(String value) {
        if (value == null) {
            return new ArrayList<>();
        }
        Set<String> items = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            String trimmed = item.strip();
            if (!trimmed.isEmpty()) {
                items.add(trimmed);
            }
        }
        return new ArrayList<>(items);
    }
}
