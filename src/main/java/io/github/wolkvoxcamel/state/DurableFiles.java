package io.github.wolkvoxcamel.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every file and directory the application keeps (records, dead letters, state, schemas) is created here: private to
 * its user (or its group, {@link Access}) from the moment it exists, and with its directory forced to disk once it is
 * created, so that a power loss cannot take away a file, or a directory, whose lines were already acknowledged. Small
 * files (state, schemas) are replaced whole, so that a crash leaves the old content or the new, never a torn or lost
 * file.
 */
public final class DurableFiles {

    /** Who may read what the application writes: the setting {@code wolkvox.file-mode} ({@code WOLKVOX_FILE_MODE}). */
    public enum Access {
        /** Files 0600, directories 0700: records hold callers' phone numbers. */
        PRIVATE("rw-------", "rwx------"),
        /** Files 0640, directories 0750: for a reader of the same group (a shipper, a backup). */
        GROUP("rw-r-----", "rwxr-x---");

        private final FileAttribute<?> file;
        private final FileAttribute<?> directory;

        Access(String file, String directory) {
            this.file = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(file));
            this.directory = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(directory));
        }

        /** @throws IllegalArgumentException naming the setting for anything but {@code private} or {@code group} */
        public static Access of(String setting) {
            return switch (setting.trim().toLowerCase(Locale.ROOT)) {
                case "private" -> PRIVATE;
                case "group" -> GROUP;
                default -> throw new IllegalArgumentException("WOLKVOX_FILE_MODE (wolkvox.file-mode) must be private or "
                        + "group, not '" + setting + "'");
            };
        }
    }

    // process-wide like the umask it narrows: set once at start, before the first file is made
    private static volatile Access access = Access.PRIVATE;
    private static final Map<Path, AtomicLong> DIRECTORY_SYNCS = new ConcurrentHashMap<>();

    private DurableFiles() {
    }

    /** Files and directories created from now on get the modes of {@code access}. */
    public static void access(Access access) {
        DurableFiles.access = access;
    }

    /**
     * Writes {@code content} to a temporary file, forces it to disk, renames it over {@code file} and forces the
     * directory, which is what makes the rename itself survive a power loss.
     */
    public static void replace(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        // made anew, not truncated: one left over by a crash of an older version keeps its mode otherwise
        Files.deleteIfExists(temporary);
        // the temporary file's own entry need not survive a power loss: the rename's is forced below
        try (FileChannel channel = open(temporary, false, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(content));
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Opens {@code file} with {@code options} (never {@code CREATE}: that is what this does), creating it and its
     * missing directories with the modes of {@link #access(Access)} if it is not there; a file or directory created is made
     * durable in its directory before this returns, so forcing the channel later is all a write needs.
     */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        return open(file, true, options);
    }

    private static FileChannel open(Path file, boolean durable, OpenOption... options) throws IOException {
        Set<OpenOption> existing = new LinkedHashSet<>(Arrays.asList(options));
        if (existing.contains(StandardOpenOption.CREATE) || existing.contains(StandardOpenOption.CREATE_NEW)) {
            throw new IllegalArgumentException("DurableFiles.open creates the file itself");
        }
        Set<OpenOption> create = new LinkedHashSet<>(existing);
        create.add(StandardOpenOption.CREATE_NEW);
        Path directory = file.toAbsolutePath().getParent();
        while (true) {
            try {
                return FileChannel.open(file, existing);
            } catch (NoSuchFileException absent) {
                createDirectories(directory);
            }
            try {
                FileChannel channel = posix(directory)
                        ? FileChannel.open(file, create, access.file) : FileChannel.open(file, create);
                if (durable) {
                    syncDirectory(directory);
                }
                return channel;
            } catch (FileAlreadyExistsException raced) {
                // another thread or process made it between the two opens: open it as it is
            }
        }
    }

    /**
     * Moves a file of an older layout to its place in this one, unless that place holds a file already.
     *
     * @return whether it moved
     */
    public static boolean adopt(Path old, Path file) throws IOException {
        if (Files.exists(file) || !Files.exists(old)) {
            return false;
        }
        createDirectories(file.toAbsolutePath().getParent());
        Files.move(old, file, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(file.toAbsolutePath().getParent());
        return true;
    }

    /**
     * Creates {@code directory} and its missing parents with the directory mode of {@link #access(Access)}, forcing the
     * parent of each one created.
     */
    private static void createDirectories(Path directory) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path at = directory.toAbsolutePath(); at != null && !Files.isDirectory(at); at = at.getParent()) {
            missing.push(at);
        }
        for (Path created : missing) {
            try {
                if (posix(created.getParent())) {
                    Files.createDirectory(created, access.directory);
                } else {
                    Files.createDirectory(created);
                }
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(created)) {
                    throw raced;
                }
                continue;
            }
            syncDirectory(created.getParent());
        }
    }

    /** How often {@code directory} was forced to disk by this process: what shows that a creation went through here. */
    public static long directorySyncs(Path directory) {
        AtomicLong syncs = DIRECTORY_SYNCS.get(directory.toAbsolutePath().normalize());
        return syncs == null ? 0 : syncs.get();
    }

    /** Forces the entries of {@code directory} (a file or directory created or renamed in it) to disk. */
    private static void syncDirectory(Path directory) throws IOException {
        DIRECTORY_SYNCS.computeIfAbsent(directory.toAbsolutePath().normalize(), d -> new AtomicLong()).incrementAndGet();
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException e) {
            // some file systems (and Windows) cannot open a directory: the entry is as durable as they make it
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    private static boolean posix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
