package org.optim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.optim.report.analysis.Analysis;
import org.optim.report.analysis.Hypotheses;
import org.optim.report.html.CsvFile;
import org.optim.report.html.Templates;
import org.optim.report.html.Views;
import org.optim.report.runs.Experiment;
import org.optim.report.runs.RunLogReader;

/**
 * {@code optim report}: run logs in, one self-contained {@code index.html} and its CSV tables out.
 * A pure function of the runs folder and the options (no clock, no host name, no locale), so the same
 * runs always give byte-identical files.
 *
 * <p>Layout of the output folder:
 * <pre>
 * index.html                          the report (inline CSS and SVG; no scripts, fonts or images to fetch)
 * tables/hypotheses.csv               every hypothesis about the paper's numbers against its table (when a
 *                                     manifest has a {@code hypothesis})
 * tables/&lt;table-id&gt;.csv               a paper table reproduced (epoch,arm,paper,mean,std,n,delta), for the
 *                                     first experiment (by name) whose manifest has that table
 * tables/reproduction.csv            per experiment and paper table: paper values inside the reproduced range, |delta|
 * tables/&lt;experiment&gt;/runs.csv        every run and its status
 * tables/&lt;experiment&gt;/summary.csv     every logged metric at the reported epochs, per series
 * tables/&lt;experiment&gt;/comparisons.csv pairwise tests
 * tables/&lt;experiment&gt;/&lt;table-id&gt;.csv  each paper table of that experiment
 * </pre>
 *
 * <p>The page names no path of the machine it was made on: the same runs give the same bytes
 * wherever they and the report are.
 *
 * @param metric the metric compared between arms, or null for the manifest's choice
 */
public record Report(String metric) {

    /** The command that makes this report, with the folders as placeholders. */
    public String command() {
        return "bin/optim report --runs RUNS --out REPORT" + (metric == null ? "" : " --metric " + metric);
    }

    /** The files of a report: the page and its CSV tables (paths relative to the report folder). */
    public record Output(String html, List<CsvFile> tables) {
    }

    /** Reads {@code runs}, writes the report into {@code out}; returns what was written. */
    public Output write(Path runsDir, Path outDir) {
        Output output = build(RunLogReader.read(runsDir));
        Path out = outDir;
        try {
            Files.createDirectories(out);
            removeOldTables(out.resolve("tables"));
            for (CsvFile csv : output.tables()) {
                atomicWrite(out.resolve(csv.path()), csv.text());
            }
            atomicWrite(out.resolve("index.html"), output.html());
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write the report: " + e.getMessage(), e);
        }
        return output;
    }

    /** The report of {@code experiments} (sorted by name), in memory. */
    public Output build(List<Experiment> experiments) {
        if (metric != null && experiments.stream().noneMatch(e -> Analysis.loggedMetrics(e).contains(metric))) {
            throw new IllegalArgumentException("unknown metric '" + metric + "': no experiment logs it (e.g. "
                    + experiments.get(0).name() + " logs " + String.join(", ", Analysis.loggedMetrics(experiments.get(0))) + ")");
        }
        List<Views.ExperimentView> views = new ArrayList<>();
        List<Views.ReproductionRow> reproduction = new ArrayList<>();
        CsvFile.Builder reproductionCsv = new CsvFile.Builder("tables/reproduction.csv", "experiment", "table", "metric",
                "compared", "in_range", "mean_abs_delta", "max_abs_delta", "missing");
        List<CsvFile> csvs = new ArrayList<>();
        Set<String> slugs = new HashSet<>();
        Set<String> topLevel = new HashSet<>();
        List<Analysis> analyses = new ArrayList<>();
        for (Experiment experiment : experiments) {
            String slug = uniqueSlug(experiment.name(), slugs);
            Analysis analysis = Analysis.of(experiment, metric);
            analyses.add(analysis);
            ExperimentPage page = new ExperimentPage(analysis, slug, command());
            views.add(page.view());
            csvs.addAll(page.tables());
            reproduction.addAll(page.reproduction());
            page.reproductionCsv().forEach(reproductionCsv::row);
            // A re-reading of another experiment (a hypothesis with a baseline) keeps its copy of the paper's
            // table in its own folder: tables/table-ii.csv is the baseline's.
            boolean rereading = experiment.manifest().path("hypothesis").has("baseline");
            for (CsvFile paperTable : rereading ? List.<CsvFile>of() : page.paperTables()) {
                String name = paperTable.path().substring(paperTable.path().lastIndexOf('/') + 1);
                if (topLevel.add(name)) {
                    csvs.add(new CsvFile("tables/" + name, paperTable.header(), paperTable.rows()));
                }
            }
        }
        if (!reproduction.isEmpty()) {
            csvs.add(reproductionCsv.build());
        }
        Hypotheses hypotheses = Hypotheses.of(analyses);
        Views.HypothesesModel hypothesesView = null;
        if (!hypotheses.rows().isEmpty()) {
            HypothesesPage page = new HypothesesPage(hypotheses);
            hypothesesView = page.view();
            csvs.add(page.csv());
        }
        csvs.sort(Comparator.comparing(CsvFile::path));
        List<Views.Link> links = csvs.stream().map(c -> new Views.Link(c.path(), c.path())).toList();
        String title = experiments.size() == 1 ? "optim report: " + experiments.get(0).title() : "optim report: " + experiments.size() + " experiments";
        String html = Templates.render("report.ftlh", Map.of("report", new Views.ReportView(title, List.copyOf(reproduction), hypothesesView, views, links)));
        return new Output(html, List.copyOf(csvs));
    }

    /** A file-name- and anchor-safe slug of an experiment name, unique in the report. */
    static String uniqueSlug(String name, Set<String> taken) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.isEmpty()) {
            base = "experiment";
        }
        String slug = base;
        for (int k = 2; !taken.add(slug); k++) {
            slug = base + "-" + k;
        }
        return slug;
    }

    /** Deletes the CSV files a previous report left in {@code tables/} (and folders left empty); nothing else. */
    private static void removeOldTables(Path tables) throws IOException {
        if (!Files.isDirectory(tables)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(tables)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv")) {
                Files.delete(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> children = Files.list(p)) {
                    if (children.findAny().isEmpty()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private static void atomicWrite(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
