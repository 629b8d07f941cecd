package org.modelcensus.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.modelcensus.errors.CensusInputException;

/**
 * The SHA-256 of an input (a file, or every data file of a folder in name order), taken in the same pass that
 * checks a CSV input is UTF-8 text. Spark would read other encodings without complaint and turn every byte it
 * cannot decode into U+FFFD, silently changing names and labels: a Latin-1 or EUC-KR file is refused instead.
 *
 * @param sha256 hex digest of the bytes (for a folder: of the files' bytes concatenated in path order)
 * @param bytes  bytes read
 * @param files  data files read
 */
public record InputFingerprint(String sha256, long bytes, int files) {

    private static final int CHUNK = 1 << 20;

    /** Fingerprints the input's data files; a CSV input must be UTF-8 text. */
    public static InputFingerprint of(CatalogueInput catalogue, Configuration hadoop) {
        Path input = new Path(catalogue.path());
        boolean requireUtf8 = catalogue.format() == CatalogueInput.Format.csv;
        try {
            FileSystem fs = input.getFileSystem(hadoop);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long bytes = 0;
            List<Path> files = dataFiles(fs, input, catalogue.format());
            for (Path file : files) {
                bytes += digest(fs, file, digest, requireUtf8);
            }
            return new InputFingerprint(HexFormat.of().formatHex(digest.digest()), bytes, files.size());
        } catch (IOException e) {
            throw new CensusInputException("Cannot read input " + input + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    /**
     * The file itself, or a folder's data files at any depth in name order: hidden ones ('.' and '_' names) skipped
     * as Spark skips them, and in a CSV folder only *.csv files, as the reader reads only those. For Delta, the
     * Parquet files of every version (the log itself is hidden).
     */
    static List<Path> dataFiles(FileSystem fs, Path input, CatalogueInput.Format format) throws IOException {
        List<Path> files = new ArrayList<>();
        FileStatus status = fs.getFileStatus(input);
        if (!status.isDirectory()) {
            files.add(status.getPath());
            return files;
        }
        String suffix = format == CatalogueInput.Format.csv ? ".csv" : ".parquet";
        FileStatus[] children = fs.listStatus(input);
        Arrays.sort(children, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (child.isDirectory()) {
                files.addAll(dataFiles(fs, child.getPath(), format));
            } else if (name.toLowerCase(java.util.Locale.ROOT).endsWith(suffix)) {
                files.add(child.getPath());
            }
        }
        return files;
    }

    private static long digest(FileSystem fs, Path file, MessageDigest digest, boolean requireUtf8) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer pending = ByteBuffer.allocate(CHUNK + 8);
        CharBuffer chars = CharBuffer.allocate(CHUNK + 8);
        byte[] chunk = new byte[CHUNK];
        long offset = 0; // bytes of the file before `pending`
        long lines = 1;
        try (InputStream in = fs.open(file)) {
            int read;
            while ((read = in.read(chunk)) > 0) {
                digest.update(chunk, 0, read);
                if (!requireUtf8) {
                    offset += read;
                    continue;
                }
                pending.put(chunk, 0, read).flip();
                int start = pending.position();
                CoderResult result = utf8.decode(pending, chars, false);
                chars.clear();
                if (result.isError()) {
                    throw notUtf8(file, offset + pending.position(), lines + newlines(pending, start, pending.position()),
                            pending.get(pending.position()));
                }
                lines += newlines(pending, start, pending.position());
                offset += pending.position() - start;
                pending.compact(); // keeps the bytes of a character split between two chunks
            }
        }
        if (requireUtf8 && pending.position() > 0) {
            throw notUtf8(file, offset, lines, pending.get(0));
        }
        return offset + (requireUtf8 ? pending.position() : 0);
    }

    private static long newlines(ByteBuffer buffer, int from, int to) {
        long count = 0;
        for (int i = from; i < to; i++) {
            if (buffer.get(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    private static CensusInputException notUtf8(Path file, long byteOffset, long line, byte bad) {
        String shown = "file".equals(file.toUri().getScheme()) ? file.toUri().getPath() : file.toString();
        return new CensusInputException(shown + " is not UTF-8 text: byte 0x" + String.format("%02X", bad & 0xFF) + " at offset "
                + byteOffset + " (line " + line + ") is not valid UTF-8. Epoch AI publishes its catalogue in UTF-8; "
                + "convert this file first, for example: iconv -f LATIN1 -t UTF-8 (or -f EUC-KR) in.csv > out.csv.");
    }
}
