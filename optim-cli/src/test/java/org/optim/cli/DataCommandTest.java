package org.optim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optim.data.Catalog;
import org.optim.data.DataException;
import org.optim.data.DataSources;
import org.optim.data.Datasets;
import org.optim.data.RawData;

/** {@code optim data}: exit codes and one-line errors on corrupted copies of the real files. */
class DataCommandTest {
    private static RawData mnist;

    @BeforeAll
    static void load() throws DataException {
        mnist = Datasets.raw(Catalog.MNIST, DataSources.defaults(Catalog.MNIST).withMirrors(List.of()), false);
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void inspectReportsEachCorruptedCopyOnOneLineAndExitsTwo(@TempDir Path dir) throws IOException {
        byte[] images = mnist.testImages().bytes();
        byte[] labels = mnist.testLabels().bytes();
        List<Path> bad = new ArrayList<>();
        bad.add(Files.write(dir.resolve("cut"), Arrays.copyOf(images, 123_457)));
        byte[] magic = labels.clone();
        magic[0] = 0x1F;
        bad.add(Files.write(dir.resolve("magic"), magic));
        byte[] count = labels.clone();
        count[6] = 0x30;
        bad.add(Files.write(dir.resolve("count"), count));
        byte[] label = labels.clone();
        label[500] = (byte) 200;
        bad.add(Files.write(dir.resolve("label"), label));
        bad.add(Files.write(dir.resolve("extra"), Arrays.copyOf(labels, labels.length + 4)));
        Path good = Files.write(dir.resolve("good"), labels);
        List<String> args = new ArrayList<>(List.of("data", "inspect"));
        bad.forEach(p -> args.add(p.toString()));
        args.add(good.toString());
        Result r = run(args.toArray(String[]::new));
        assertThat(r.status()).isEqualTo(2);
        String[] lines = r.err().strip().split("\n");
        assertThat(lines).hasSize(bad.size());
        for (int i = 0; i < bad.size(); i++) {
            assertThat(lines[i]).startsWith("optim data inspect: " + bad.get(i) + ": byte ");
        }
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).contains(good + ": IDX unsigned byte (0x08), 1 dimension(s) 10000")
                .contains("(= mnist/t10k-labels-idx1-ubyte)");
    }

    @Test
    void aWellFormedCopyWithOnePixelChangedParsesButIsNotCalledPublished(@TempDir Path dir) throws IOException {
        byte[] images = mnist.testImages().bytes().clone();
        images[5000] ^= 0x10;
        Path f = Files.write(dir.resolve("pixel"), images);
        Result r = run("data", "inspect", f.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("10000 x 28 x 28").contains("(the size of mnist/t10k-images-idx3-ubyte and "
                + "fashion-mnist/t10k-images-idx3-ubyte, but not a published SHA-256)");
    }

    @Test
    void inspectOfAMissingFileIsOneLine(@TempDir Path dir) {
        Result r = run("data", "inspect", dir.resolve("none").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("optim data inspect: " + dir.resolve("none") + ": no such file" + System.lineSeparator());
    }

    @Test
    void fetchFillsAnEmptyCacheAndVerifyCatchesAChangedFile(@TempDir Path cache) throws IOException {
        Result fetch = run("data", "fetch", "--dataset", "mnist", "--cache-dir", cache.toString());
        assertThat(fetch.status()).as(fetch.err()).isZero();
        assertThat(fetch.out()).contains("mnist/train-images-idx3-ubyte  sha256 "
                + "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db");
        Result ok = run("data", "verify", "--dataset", "mnist", "--cache-dir", cache.toString());
        assertThat(ok.status()).isZero();
        assertThat(ok.out().lines().filter(l -> l.startsWith("OK "))).hasSize(4);
        Result info = run("data", "info", "--dataset", "mnist", "--cache-dir", cache.toString());
        assertThat(info.status()).isZero();
        assertThat(info.out()).contains("train   5923   6742   5958   6131   5842   5421   5918   6265   5851   5949")
                .contains("test  10000 images of 28 x 28");
        Path labels = cache.resolve("mnist").resolve("t10k-labels-idx1-ubyte");
        byte[] b = Files.readAllBytes(labels);
        b[20] = (byte) ((b[20] + 1) % 10);
        Files.write(labels, b);
        Result bad = run("data", "verify", "--dataset", "mnist", "--cache-dir", cache.toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.out()).contains("MISMATCH  mnist/t10k-labels-idx1-ubyte   SHA-256 mismatch: expected "
                + "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2, actual ");
    }

    @Test
    void anUnknownDataSetIsAnInputError() {
        Result r = run("data", "verify", "--dataset", "cifar");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("optim verify: unknown data set 'cifar', expected one of mnist, fashion-mnist");
    }
}
