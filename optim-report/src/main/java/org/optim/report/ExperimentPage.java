package org.optim.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.optim.report.analysis.Analysis;
import org.optim.report.analysis.Comparison;
import org.optim.report.analysis.PaperTable;
import org.optim.report.analysis.Series;
import org.optim.report.figures.Charts;
import org.optim.report.figures.Figure;
import org.optim.report.figures.Svg;
import org.optim.report.html.CsvFile;
import org.optim.report.html.Format;
import org.optim.report.html.Views;
import org.optim.report.runs.Experiment;
import org.optim.report.runs.RunLog;
import org.optim.report.stats.Summary;

/**
 * One experiment's part of the report: its sections (in page order) and its CSV tables, built from
 * its {@link Analysis}. Sections: runs, each paper table, summary, comparisons, learning curves,
 * overlay, diagnostics, toy trajectories, manifest, provenance; a section with nothing to show is
 * left out.
 */
final class ExperimentPage {
    /** The learning-curve groups of the paper's Figs 8-12: columns drawn together on one chart. */
    private static final Map<String, List<String>> CURVES = Map.of(
            "accuracy", List.of("train_accuracy", "val_accuracy", "test_accuracy"),
            "loss", List.of("train_loss", "val_loss", "test_loss", "loss"));
    private static final List<String> CURVE_ORDER = List.of("accuracy", "loss");
    /** Above this many series, per-series charts are left out (the overlays show them all). */
    static final int MAX_SERIES_FIGURES = 8;
    private static final Set<String> COORDINATES = Set.of("step", "psi", "phi");

    private final Analysis analysis;
    private final Experiment experiment;
    private final String slug;
    private final String command;
    private final List<CsvFile> tables = new ArrayList<>();
    private final List<CsvFile> paperTables = new ArrayList<>();
    private final List<Views.ReproductionRow> reproduction = new ArrayList<>();
    private final List<String[]> reproductionCsv = new ArrayList<>();
    private int figureCount;

    ExperimentPage(Analysis analysis, String slug, String command) {
        this.analysis = analysis;
        this.experiment = analysis.experiment();
        this.slug = slug;
        this.command = command;
    }

    /** Every CSV of this experiment (call after {@link #view()}). */
    List<CsvFile> tables() {
        return List.copyOf(tables);
    }

    /** How well each paper table is reproduced (call after {@link #view()}). */
    List<Views.ReproductionRow> reproduction() {
        return List.copyOf(reproduction);
    }

    /** The same as CSV rows: experiment, table, metric, compared, in_range, mean_abs_delta, max_abs_delta, missing. */
    List<String[]> reproductionCsv() {
        return List.copyOf(reproductionCsv);
    }

    /** The paper tables among {@link #tables()}. */
    List<CsvFile> paperTables() {
        return List.copyOf(paperTables);
    }

    Views.ExperimentView view() {
        String anchor = "exp-" + slug;
        List<Views.SectionView> sections = new ArrayList<>();
        sections.add(new Views.SectionView("overview", anchor + "-runs", "Runs", overview()));
        for (PaperTable t : analysis.tables()) {
            sections.add(new Views.SectionView("paper-table", anchor + "-" + t.id(), t.title(), paperTable(t)));
        }
        if (!analysis.claims().isEmpty()) {
            sections.add(new Views.SectionView("claims", anchor + "-claims", "The paper's claims", claims()));
        }
        sections.add(new Views.SectionView("summary", anchor + "-summary", "Statistics over seeds: " + analysis.metric(), summary()));
        sections.add(new Views.SectionView("comparisons", anchor + "-comparisons", "Comparisons between arms: " + analysis.metric(), comparisons()));
        if (analysis.series().size() > MAX_SERIES_FIGURES) {
            sections.add(new Views.SectionView("figures", anchor + "-curves", "Learning curves", new Views.FiguresModel(
                    "With " + analysis.series().size() + " series, the per-series learning curves and diagnostics are left out (more than "
                            + MAX_SERIES_FIGURES + "); the charts below show every series' mean, and summary.csv has every metric.", List.of())));
        } else {
            addPerSeriesFigures(sections, anchor);
        }
        addFigures(sections, anchor + "-overlay", "All arms", overlay(),
                "The mean over seeds of every arm on one chart; diamonds are the paper's values.");
        addFigures(sections, anchor + "-trajectories", "Toy trajectories", trajectories(),
                "One line per run, as logged step by step in trajectory.csv (long runs thinned to at most 600 points by a fixed stride).");
        sections.add(new Views.SectionView("text", anchor + "-manifest", "Manifest",
                new Views.TextModel(experiment.manifestFile().getParent().getFileName() + "/manifest.json, as run:", experiment.manifestText())));
        sections.add(new Views.SectionView("provenance", anchor + "-provenance", "Provenance and how to reproduce", provenance()));
        return new Views.ExperimentView(anchor, experiment.name(), experiment.title(), experiment.description(), List.copyOf(sections));
    }

    private void addPerSeriesFigures(List<Views.SectionView> sections, String anchor) {
        addFigures(sections, anchor + "-curves", "Learning curves", curves(),
                "Per arm: the mean over seeds (line) and the range over seeds (band). A diverged run is a dashed line whose last finite value is marked with a cross; it is not in the mean or the band.");
        addFigures(sections, anchor + "-diagnostics", "Optimizer diagnostics", diagnostics(),
                "Logged by the optimizers, mean over seeds per epoch: AdamP's projection rate per layer, SAM's perturbation norm, Expectigrad's fraction of zero gradients.");
    }

    private void addFigures(List<Views.SectionView> sections, String anchor, String title, List<Figure> figures, String intro) {
        if (!figures.isEmpty()) {
            sections.add(new Views.SectionView("figures", anchor, title, new Views.FiguresModel(intro, figures)));
        }
    }

    private String path(String file) {
        return "tables/" + slug + "/" + file;
    }

    private Views.OverviewModel overview() {
        CsvFile.Builder csv = new CsvFile.Builder(path("runs.csv"), "run", "series", "config_id", "seed", "status", "epochs_completed", "diverged_epoch");
        List<Views.RunRow> rows = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Series s : analysis.series()) {
            for (RunLog r : s.runs()) {
                String diverged = r.divergedEpoch().map(String::valueOf).orElse("");
                csv.row(r.id(), s.label(), r.configId(), String.valueOf(r.seed()), r.status().spelling(), String.valueOf(r.epochsCompleted()), diverged);
                rows.add(new Views.RunRow(r.id(), s.label(), r.configId(), String.valueOf(r.seed()), r.status().spelling(),
                        String.valueOf(r.epochsCompleted()), diverged));
                counts.merge(r.status().spelling(), 1, Integer::sum);
            }
        }
        CsvFile file = csv.build();
        tables.add(file);
        String countText = experiment.runs().size() + " runs in " + analysis.series().size() + " series: "
                + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        return new Views.OverviewModel(experiment.description(), countText, analysis.metric(), rows, List.of(link(file)));
    }

    private Views.PaperTableModel paperTable(PaperTable table) {
        CsvFile.Builder csv = new CsvFile.Builder(path(table.id() + ".csv"), "epoch", "arm", "paper", "mean", "std", "n", "delta");
        List<Series> order = analysis.seriesFor(table);
        List<Views.PaperRow> rows = new ArrayList<>();
        int compared = 0;
        int inside = 0;
        int missing = 0;
        double sumAbs = 0;
        double maxAbs = Double.NaN;
        List<Analysis.PaperCell> cells = analysis.reproduce(table);
        for (int r = 0; r < table.epochs().length; r++) {
            List<Views.PaperCell> viewCells = new ArrayList<>();
            for (int c = 0; c < order.size(); c++) {
                Analysis.PaperCell cell = cells.get(r * order.size() + c);
                Summary s = cell.summary();
                OptionalDouble paper = cell.paper();
                csv.row(Long.toString(cell.epoch()), cell.series().label(), paper.isPresent() ? Format.csv(paper.getAsDouble()) : "",
                        Format.csv(s.mean()), Format.csv(s.std()), Integer.toString(s.n()), Format.csv(cell.delta()));
                String inRange = paper.isEmpty() || s.n() == 0 ? "" : s.inRange(paper.getAsDouble()) ? "yes" : "no";
                if (paper.isPresent() && s.n() == 0) {
                    missing++;
                } else if (paper.isPresent()) {
                    compared++;
                    inside += s.inRange(paper.getAsDouble()) ? 1 : 0;
                    sumAbs += Math.abs(cell.delta());
                    maxAbs = Double.isNaN(maxAbs) ? Math.abs(cell.delta()) : Math.max(maxAbs, Math.abs(cell.delta()));
                }
                viewCells.add(new Views.PaperCell(cell.series().label(), paper.isPresent() ? Format.num(paper.getAsDouble()) : "",
                        Format.num(s.mean()), Format.num(s.std()), Integer.toString(s.n()), Format.num(cell.delta()),
                        s.n() == 0 ? "" : "[" + Format.num(s.ciLow()) + ", " + Format.num(s.ciHigh()) + "]",
                        s.n() == 0 ? "" : "[" + Format.num(s.min()) + ", " + Format.num(s.max()) + "]",
                        inRange, note(cell.series(), s)));
            }
            rows.add(new Views.PaperRow(Long.toString(table.epochs()[r]), viewCells));
        }
        CsvFile file = csv.build();
        tables.add(file);
        paperTables.add(file);
        reproduction.add(new Views.ReproductionRow("exp-" + slug + "-" + table.id(), experiment.title(), table.title(), table.metric(),
                Integer.toString(compared), Integer.toString(inside), Format.num(compared == 0 ? Double.NaN : sumAbs / compared),
                Format.num(maxAbs), Integer.toString(missing)));
        reproductionCsv.add(new String[] {experiment.name(), table.id(), table.metric(), Integer.toString(compared), Integer.toString(inside),
                Format.csv(compared == 0 ? Double.NaN : sumAbs / compared), Format.csv(maxAbs), Integer.toString(missing)});
        List<String> labels = order.stream().map(s -> displayName(s)).toList();
        return new Views.PaperTableModel(table.id(), table.title(), table.metric(), labels,
                order.stream().map(Series::label).toList(), rows, link(file));
    }

    /** What a cell leaves out: diverged runs, or that no run reached the epoch. */
    private static String note(Series series, Summary s) {
        int diverged = series.diverged().size();
        int runs = series.runs().size();
        if (runs == 0) {
            return "no runs";
        }
        if (s.n() == 0) {
            return diverged == runs && diverged > 0 ? "diverged (" + diverged + " of " + runs + " runs)"
                    : "no run reached this epoch" + (diverged == 0 ? "" : "; " + diverged + " of " + runs + " diverged");
        }
        return diverged == 0 ? "" : diverged + " of " + runs + " diverged, not averaged";
    }

    private Views.ClaimsModel claims() {
        CsvFile.Builder csv = new CsvFile.Builder(path("claims.csv"), "claim", "series", "metric", "paper_start", "start_mean",
                "paper_end", "end_epoch", "end_mean", "end_std", "n");
        List<Views.ClaimRow> rows = new ArrayList<>();
        for (Analysis.ClaimCheck c : analysis.checkClaims()) {
            OptionalDouble paperStart = c.claim().start();
            csv.row(c.claim().id(), c.series().label(), c.claim().metric(), paperStart.isPresent() ? Format.csv(paperStart.getAsDouble()) : "",
                    Format.csv(c.start().mean()), Format.csv(c.claim().end()), Long.toString(c.endEpoch()), Format.csv(c.end().mean()),
                    Format.csv(c.end().std()), Integer.toString(c.end().n()));
            rows.add(new Views.ClaimRow(c.claim().text(), c.series().label(), c.claim().metric(),
                    paperStart.isPresent() ? Format.num(paperStart.getAsDouble()) : "", Format.num(c.start().mean()),
                    Format.num(c.claim().end()), Long.toString(c.endEpoch()),
                    Format.num(c.end().mean()) + (c.end().n() > 1 ? " \u00b1 " + Format.num(c.end().std()) : ""),
                    Format.num(c.end().mean() - c.claim().end()), Integer.toString(c.end().n()),
                    c.end().n() < 2 ? "" : c.end().inRange(c.claim().end()) ? "yes" : "no"));
        }
        CsvFile file = csv.build();
        tables.add(file);
        return new Views.ClaimsModel(rows, link(file));
    }

    private Views.SummaryModel summary() {
        CsvFile.Builder csv = new CsvFile.Builder(path("summary.csv"), "metric", "epoch", "series", "n", "mean", "std", "min", "max", "ci95_low", "ci95_high", "diverged_runs");
        List<Views.SummaryRow> rows = new ArrayList<>();
        for (Analysis.Cell c : analysis.cells()) {
            Summary s = c.summary();
            csv.row(c.metric(), Long.toString(c.epoch()), c.series(), Integer.toString(s.n()), Format.csv(s.mean()), Format.csv(s.std()),
                    Format.csv(s.min()), Format.csv(s.max()), Format.csv(s.ciLow()), Format.csv(s.ciHigh()), Integer.toString(c.diverged()));
            if (c.metric().equals(analysis.metric())) {
                rows.add(new Views.SummaryRow(Long.toString(c.epoch()), c.series(), Integer.toString(s.n()), Format.num(s.mean()),
                        Format.num(s.std()), Format.num(s.min()), Format.num(s.max()),
                        s.n() == 0 ? "" : "[" + Format.num(s.ciLow()) + ", " + Format.num(s.ciHigh()) + "]",
                        c.diverged() == 0 ? "" : Integer.toString(c.diverged())));
            }
        }
        CsvFile file = csv.build();
        tables.add(file);
        return new Views.SummaryModel(analysis.metric(), rows, link(file));
    }

    private Views.ComparisonModel comparisons() {
        CsvFile.Builder csv = new CsvFile.Builder(path("comparisons.csv"), "metric", "epoch", "a", "b", "pairs", "mean_diff",
                "wilcoxon_w_plus", "wilcoxon_p", "holm_p", "welch_t", "welch_df", "welch_p", "verdict");
        List<Views.ComparisonRow> rows = new ArrayList<>();
        boolean many = analysis.series().size() > MAX_SERIES_FIGURES;
        long last = analysis.epochs().isEmpty() ? -1 : analysis.epochs().get(analysis.epochs().size() - 1);
        for (Comparison c : analysis.comparisons()) {
            csv.row(c.metric(), Long.toString(c.epoch()), c.a(), c.b(), Integer.toString(c.pairs()), Format.csv(c.meanDiff()),
                    Format.csv(c.wilcoxon().wPlus()), Format.csv(c.wilcoxon().p()), Format.csv(c.holmP()),
                    Format.csv(c.welch().t()), Format.csv(c.welch().df()), Format.csv(c.welch().p()), c.verdict());
            if (many && c.epoch() != last) {
                continue;
            }
            rows.add(new Views.ComparisonRow(Long.toString(c.epoch()), c.a(), c.b(), Integer.toString(c.pairs()), Format.num(c.meanDiff()),
                    Format.num(c.wilcoxon().wPlus()), Format.num(c.wilcoxon().p()), Format.num(c.holmP()),
                    Double.isNaN(c.welch().p()) ? "" : "t = " + Format.num(c.welch().t()) + ", df = " + Format.num(c.welch().df()) + ", p = " + Format.num(c.welch().p()),
                    c.verdict()));
        }
        CsvFile file = csv.build();
        tables.add(file);
        String note = many ? "With " + analysis.series().size() + " series, the page shows the comparisons at the last epoch only; the CSV has every epoch." : "";
        return new Views.ComparisonModel(analysis.metric(), note, rows, link(file));
    }

    private List<Figure> curves() {
        List<Figure> figures = new ArrayList<>();
        for (Series s : analysis.series()) {
            for (String group : CURVE_ORDER) {
                List<String> columns = CURVES.get(group).stream().filter(c -> logs(s, c)).toList();
                if (!columns.isEmpty()) {
                    figure(figures, Charts.learningCurves(s, columns, s.label() + ": " + group, group),
                            s.label() + ": " + group, String.join(", ", columns) + " over epochs: mean and range over the " + s.included().size() + " of " + s.runs().size() + " runs that did not diverge");
                }
            }
        }
        return figures;
    }

    private List<Figure> overlay() {
        List<Figure> figures = new ArrayList<>();
        Set<String> metrics = new LinkedHashSet<>();
        metrics.add(analysis.metric());
        for (String m : List.of("val_accuracy", "val_loss", "train_loss")) {
            if (analysis.series().stream().anyMatch(s -> logs(s, m))) {
                metrics.add(m);
            }
        }
        for (String m : metrics) {
            figure(figures, Charts.overlay(analysis.series(), m, analysis.tables(), m + ": mean over seeds"),
                    "All arms: " + m, "Mean over seeds of " + m + " for every arm");
        }
        return figures;
    }

    private List<Figure> diagnostics() {
        List<Figure> figures = new ArrayList<>();
        for (Series s : analysis.series()) {
            Map<String, List<String>> groups = new TreeMap<>();
            for (RunLog r : s.runs()) {
                for (String c : r.metrics().columns()) {
                    int slash = c.indexOf('/');
                    if (slash > 0) {
                        List<String> group = groups.computeIfAbsent(c.substring(0, slash), k -> new ArrayList<>());
                        if (!group.contains(c)) {
                            group.add(c);
                        }
                    }
                }
            }
            groups.forEach((prefix, columns) -> figure(figures, Charts.learningCurves(s, columns, s.label() + ": " + prefix, prefix),
                    s.label() + ": " + prefix, String.join(", ", columns)));
        }
        return figures;
    }

    private List<Figure> trajectories() {
        List<RunLog> runs = experiment.runs().stream().filter(r -> r.trajectory().isPresent()).toList();
        if (runs.isEmpty()) {
            return List.of();
        }
        Set<String> columns = new LinkedHashSet<>();
        runs.forEach(r -> columns.addAll(r.trajectory().orElseThrow().columns()));
        List<Figure> figures = new ArrayList<>();
        if (columns.contains("psi") && columns.contains("phi")) {
            figure(figures, Charts.overRuns(runs, true, "psi", "phi", "trajectories on the angle plane"),
                    "Trajectories on the angle plane", "phi against psi, the angles of w in spherical coordinates");
        } else if (columns.contains("w0") && columns.contains("w1")) {
            figure(figures, Charts.overRuns(runs, true, "w0", "w1", "trajectories"), "Trajectories", "w1 against w0");
        }
        for (String c : columns) {
            if (!COORDINATES.contains(c) && !c.matches("w[0-9]+")) {
                figure(figures, Charts.overRuns(runs, true, "step", c, c + " over steps"),
                        c + " over steps", c + " at every step, one line per run");
            }
        }
        return figures;
    }

    private void figure(List<Figure> figures, XYChart chart, String title, String caption) {
        if (Charts.hasData(chart)) {
            String id = "fig-" + slug + "-" + (++figureCount);
            figures.add(new Figure(id, title, caption, Svg.render(chart, id)));
        }
    }

    private Views.ProvenanceModel provenance() {
        List<Views.Fact> facts = new ArrayList<>();
        for (String field : List.of("gitCommit", "optimVersion", "jdk", "os", "cpu", "manifestSha256", "split", "trainedOnTestSet")) {
            facts.add(new Views.Fact(field, distinct(r -> r.provenance(field))));
        }
        Map<String, Set<String>> data = new TreeMap<>();
        for (RunLog r : experiment.runs()) {
            JsonNode d = r.provenance().path("data");
            d.fields().forEachRemaining(e -> data.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue().asText()));
        }
        List<Views.Fact> dataFacts = data.entrySet().stream().map(e -> new Views.Fact(e.getKey(), List.copyOf(e.getValue()))).toList();
        List<String> commands = new ArrayList<>();
        List<String> commits = distinct(r -> r.provenance("gitCommit"));
        for (String commit : commits) {
            commands.add(commit.matches("[0-9a-f]{7,64}") ? "git checkout " + commit : "# the runs record no git commit (" + commit + ")");
        }
        commands.add("mvn -B -q -DskipTests package");
        commands.add("bin/optim run RUNS/" + experiment.name() + "/manifest.json --runs NEW_RUNS" + runOptions()
                + "   # the manifest as run; RUNS is this report's runs folder");
        commands.add(command.replace("RUNS", "NEW_RUNS"));
        return new Views.ProvenanceModel(facts, dataFacts, experiment.runs().stream().map(RunLog::id).toList(), commands);
    }

    /** The options that select what the runs hold when it is not the whole manifest (quick runs). */
    private String runOptions() {
        StringBuilder options = new StringBuilder();
        List<String> asked = distinct(r -> r.epochsAsked().map(String::valueOf).orElse(""));
        JsonNode manifestEpochs = experiment.manifest().path("epochs");
        if (asked.size() == 1 && !asked.get(0).equals(manifestEpochs.asText())) {
            options.append(" --epochs ").append(asked.get(0));
        }
        Set<Integer> seeds = new TreeSet<>();
        experiment.runs().forEach(r -> seeds.add(r.seed()));
        Set<Integer> manifestSeeds = new TreeSet<>();
        experiment.manifest().path("seeds").forEach(n -> manifestSeeds.add(n.asInt()));
        if (!manifestSeeds.isEmpty() && !seeds.isEmpty() && !seeds.equals(manifestSeeds)) {
            options.append(" --seeds ").append(seeds.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        Set<String> arms = new TreeSet<>();
        experiment.runs().forEach(r -> arms.add(r.arm()));
        Set<String> manifestArms = new TreeSet<>();
        experiment.manifest().path("arms").forEach(n -> manifestArms.add(n.path("name").asText()));
        if (!manifestArms.isEmpty() && !arms.isEmpty() && !arms.equals(manifestArms)) {
            options.append(" --arms ").append(String.join(",", arms));
        }
        return options.toString();
    }

    /** The distinct non-empty values of a run field, sorted. */
    private List<String> distinct(Function<RunLog, String> field) {
        Set<String> values = new TreeSet<>();
        for (RunLog r : experiment.runs()) {
            String v = field.apply(r);
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return List.copyOf(values);
    }

    /** The arm's {@code label} in the manifest (else its name), with the grid point when the arm has several. */
    private String displayName(Series s) {
        for (JsonNode arm : experiment.manifest().path("arms")) {
            String label = arm.path("label").asText("");
            if (arm.path("name").asText().equals(s.arm()) && !label.isBlank()) {
                return label + s.label().substring(s.arm().length());
            }
        }
        return s.label();
    }

    private static boolean logs(Series s, String column) {
        return s.runs().stream().anyMatch(r -> r.metrics().has(column));
    }

    private static Views.Link link(CsvFile file) {
        return new Views.Link(file.path(), file.path());
    }
}
