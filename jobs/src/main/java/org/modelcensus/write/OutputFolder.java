package org.modelcensus.write;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.modelcensus.errors.CensusInputException;

/**
 * The folders a job writes to, made before it works: one it cannot make (a file in the way, no permission) is for the
 * user to fix, and a job that found out when it wrote would have worked for nothing.
 */
public final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * Makes the folder on its file system, or refuses the option that named it.
     *
     * @param option   the option, as the user gave it: {@code --warehouse}
     * @param folder   its value
     * @param path     the folder to make: the value, or a local file's URI for a folder on the driver
     * @param whatToDo the refusal's last sentence
     */
    public static void create(String option, String folder, Path path, Configuration hadoop, String whatToDo) {
        try {
            if (!path.getFileSystem(hadoop).mkdirs(path)) {
                throw new IOException("the file system refused to make it");
            }
        } catch (Exception e) { // an IOException, or Hadoop's unchecked ones (a malformed URI)
            throw new CensusInputException("Cannot create " + option + " " + folder + ": " + e.getMessage() + ". " + whatToDo, e);
        }
    }

    /** As {@link #create(String, String, Path, Configuration, String)}, for a folder any Hadoop file system holds. */
    public static void create(String option, String folder, Configuration hadoop) {
        create(option, folder, new Path(folder), hadoop, "Give a folder this user can write.");
    }
}
