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
