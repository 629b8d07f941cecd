package org.modelcensus.enrich;

import java.io.IOException;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.errors.CensusInputException;

/** Checks on the enrichment's input paths (any Hadoop file system), so a wrong path fails with its option's name. */
final class Inputs {

    private Inputs() {
    }

    static FileStatus requireExists(SparkSession spark, String path, String option) {
        try {
            Path hadoopPath = new Path(path);
            FileSystem fs = hadoopPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(hadoopPath)) {
                throw new CensusInputException(option + " " + path + " does not exist: give the path of the file or folder.");
            }
            return fs.getFileStatus(hadoopPath);
        } catch (IOException e) {
            throw new CensusInputException(option + " " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Whether the path is a Parquet file, or a folder whose data files are Parquet (Spark's part-*.parquet). */
    static boolean isParquet(SparkSession spark, String path) {
        try {
            Path hadoopPath = new Path(path);
            FileSystem fs = hadoopPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.getFileStatus(hadoopPath).isDirectory()) {
                return path.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet");
            }
            FileStatus[] parts = fs.globStatus(new Path(hadoopPath, "*.parquet"));
            return parts != null && parts.length > 0;
        } catch (IOException e) {
            throw new CensusInputException(path + " cannot be read: " + e.getMessage(), e);
        }
    }
}
