package org.modelcensus.spark;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) with permissions and file status taken through java.nio instead of
 * child processes. Without Hadoop's native library (which Maven's Hadoop jars do not ship), RawLocalFileSystem runs
 * {@code chmod} for every file and folder it creates and {@code readlink} or {@code ls} to read a file's status: a Delta
 * commit of a small table started a dozen processes, about 15 ms each on the 2-core machine, which was a third of the
 * time a census spent writing. Same files, same checksums, same semantics otherwise.
 *
 * <p>Set by {@link SparkSessions} as {@code fs.file.impl} (this class, for FileSystem) and
 * {@code fs.AbstractFileSystem.file.impl} ({@link Fs}, for FileContext, which Delta's log store uses).
 */
public final class PosixLocalFileSystem extends LocalFileSystem {

    public PosixLocalFileSystem() {
        super(new Raw());
    }

    /** The raw (checksum-less) local file system with permissions and status through java.nio. */
    static final class Raw extends RawLocalFileSystem {

        /** What a status reads of a file, in one stat: its type, size, times, mode bits and owner and group numbers. */
        private static final String STATUS = "unix:isDirectory,size,lastModifiedTime,lastAccessTime,mode,uid,gid";
        /**
         * Owner and group names by number, as the first status of a file of theirs named them. Java names them anew for
         * every file (getpwuid and getgrgid, which read /etc/passwd and /etc/group each time): a census re-run read
         * some 33,000 statuses, and so both files 33,000 times.
         */
        private static final Map<Integer, String> OWNERS = new ConcurrentHashMap<>();
        private static final Map<Integer, String> GROUPS = new ConcurrentHashMap<>();

        @Override
        public void setPermission(Path path, FsPermission permission) throws IOException {
            Set<PosixFilePermission> posix = EnumSet.noneOf(PosixFilePermission.class);
            short bits = permission.toShort();
            PosixFilePermission[] order = {
                    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
            for (int bit = 0; bit < order.length; bit++) {
                if ((bits & (1 << bit)) != 0) {
                    posix.add(order[bit]);
                }
            }
            Files.setPosixFilePermissions(pathToFile(path).toPath(), posix);
        }

        @Override
        public FileStatus getFileStatus(Path path) throws IOException {
            return status(path, pathToFile(path), true);
        }

        /** A symbolic link is left to Hadoop (which resolves its target); any other file is read through java.nio. */
        @Override
        public FileStatus getFileLinkStatus(Path path) throws IOException {
            File file = pathToFile(path);
            if (Files.isSymbolicLink(file.toPath())) {
                return super.getFileLinkStatus(path);
            }
            return status(path, file, false);
        }

        /** Hadoop's lists a folder's files through {@link #getFileStatus}, this class's; a file it would answer with ls. */
        @Override
        public FileStatus[] listStatus(Path path) throws IOException {
            return pathToFile(path).isDirectory() ? super.listStatus(path) : new FileStatus[] {getFileStatus(path)};
        }

        private FileStatus status(Path path, File file, boolean followLinks) throws IOException {
            LinkOption[] links = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
            Map<String, Object> attributes = attributes(path, file, STATUS, links);
            String owner = OWNERS.get((Integer) attributes.get("uid"));
            String group = GROUPS.get((Integer) attributes.get("gid"));
            if (owner == null || group == null) {
                // The names with the numbers of the same stat, so the two always belong together.
                attributes = attributes(path, file, STATUS + ",owner,group", links);
                owner = ((UserPrincipal) attributes.get("owner")).getName();
                group = ((UserPrincipal) attributes.get("group")).getName();
                OWNERS.put((Integer) attributes.get("uid"), owner);
                GROUPS.put((Integer) attributes.get("gid"), group);
            }
            boolean directory = (Boolean) attributes.get("isDirectory");
            return new FileStatus(directory ? 0 : (Long) attributes.get("size"), directory, 1,
                    directory ? 0 : getDefaultBlockSize(path), ((FileTime) attributes.get("lastModifiedTime")).toMillis(),
                    ((FileTime) attributes.get("lastAccessTime")).toMillis(),
                    new FsPermission((short) ((Integer) attributes.get("mode") & 0777)), owner, group,
                    path.makeQualified(getUri(), getWorkingDirectory()));
        }

        private static Map<String, Object> attributes(Path path, File file, String names, LinkOption... links) throws IOException {
            try {
                return Files.readAttributes(file.toPath(), names, links);
            } catch (FileSystemException e) {
                // as Hadoop's own: a path that cannot be reached (through a file, say) does not exist
                if (e instanceof NoSuchFileException || !file.exists()) {
                    throw new FileNotFoundException("File " + path + " does not exist");
                }
                throw e;
            }
        }
    }

    /** The same file system for FileContext (an AbstractFileSystem), checksummed like Hadoop's LocalFs. */
    public static final class Fs extends ChecksumFs {
        public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(new RawFs(uri, conf));
        }
    }

    /** The raw file system for FileContext, as Hadoop's RawLocalFs but over {@link Raw}. */
    static final class RawFs extends DelegateToFileSystem {
        RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(uri, new Raw(), conf, "file", false);
        }

        @Override
        public int getUriDefaultPort() {
            return -1;
        }

        @Override
        @SuppressWarnings("deprecation")
        public FsServerDefaults getServerDefaults() throws IOException {
            return fsImpl.getServerDefaults();
        }

        @Override
        public FsServerDefaults getServerDefaults(Path path) throws IOException {
            return fsImpl.getServerDefaults(path);
        }

        @Override
        public boolean isValidName(String src) {
            return true;
        }
    }
}
