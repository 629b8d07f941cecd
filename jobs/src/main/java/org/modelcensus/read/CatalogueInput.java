package org.modelcensus.read;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.modelcensus.errors.CensusInputException;

/**
 * Where a catalogue is and in which format: a CSV file or a folder of CSV parts, Parquet (a file or a folder), or
 * a Delta table. Large catalogues are best kept columnar so that a run does not parse CSV again.
 *
 * @param path             the input as given
 * @param format           the format read
 * @param folder           a folder of files rather than one file
 * @param bytes            bytes of its data files
 * @param modificationTime latest modification of the input (milliseconds), for the default snapshot date
 */
public record CatalogueInput(String path, Format format, boolean folder, long bytes, long modificationTime) {

    /** Catalogue formats; {@code auto} infers one from the path. */
    public enum Format { auto, csv, parquet, delta }

    /**
     * Finds the input and its format, or explains what is wrong with it. {@code auto}: a folder with
     * {@code _delta_log} is Delta; a path ending in .parquet, or a folder of .parquet files, is Parquet; else CSV.
     */
    public static CatalogueInput locate(String given, Format requested, Configuration hadoop) {
        try {
            Path path = new Path(given);
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                throw new CensusInputException("Input file not found: " + given + ". Give --input the path of an Epoch AI catalogue "
                        + "(a CSV file, a folder of CSV parts, Parquet or a Delta table).");
            }
            FileStatus status = fs.getFileStatus(path);
            Format format = requested == Format.auto ? infer(fs, path, status) : requested;
            if (format == Format.delta && !(status.isDirectory() && fs.exists(new Path(path, "_delta_log")))) {
                throw new CensusInputException("Input " + given + " is not a Delta table (no _delta_log folder in it): give --input the "
                        + "folder of a Delta table, or --input-format auto to tell the format by the path.");
            }
            List<Path> files = InputFingerprint.dataFiles(fs, path, format);
            if (files.isEmpty()) {
                throw new CensusInputException("Input " + given + " is a folder with no " + format + " catalogue files in it"
                        + (format == Format.csv ? " (*.csv)" : "") + ": give --input the catalogue file itself, or a folder of its parts.");
            }
            long bytes = 0;
            long modified = status.getModificationTime();
            for (Path file : files) {
                FileStatus data = fs.getFileStatus(file);
                bytes += data.getLen();
                modified = Math.max(modified, data.getModificationTime());
            }
            if (bytes == 0) {
                throw new CensusInputException("Input file " + given + " is empty: it has no header and no models.");
            }
            if (format == Format.parquet && !startsWithParquetMagic(fs, files.get(0))) {
                throw new CensusInputException("Input " + files.get(0) + " is not a Parquet file (it does not begin with PAR1): give "
                        + (requested == Format.parquet ? "--input-format csv or auto" : "--input-format csv") + " for a CSV catalogue.");
            }
            return new CatalogueInput(given, format, status.isDirectory(), bytes, modified);
        } catch (IOException e) {
            throw new CensusInputException("Cannot open input " + given + ": " + e.getMessage(), e);
        }
    }

    /** Whether the file begins as every Parquet file does, so that a CSV file read as Parquet is told before Spark reads it. */
    private static boolean startsWithParquetMagic(FileSystem fs, Path file) throws IOException {
        byte[] magic = new byte[4];
        try (var in = fs.open(file)) {
            in.readFully(0, magic);
        } catch (java.io.EOFException e) {
            return false; // shorter than the magic itself
        }
        return new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("PAR1");
    }

    public String name() {
        return new Path(path).getName();
    }

    private static Format infer(FileSystem fs, Path path, FileStatus status) throws IOException {
        if (status.isDirectory() && fs.exists(new Path(path, "_delta_log"))) {
            return Format.delta;
        }
        if (path.getName().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return Format.parquet;
        }
        if (status.isDirectory() && !InputFingerprint.dataFiles(fs, path, Format.parquet).isEmpty()
                && InputFingerprint.dataFiles(fs, path, Format.csv).isEmpty()) {
            return Format.parquet;
        }
        return Format.csv;
    }
}
