package org.optim.report.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.optim.report.runs.RunLog;

/**
 * The runs of one arm at one grid point (one config id), in seed order: the unit every statistic,
 * curve and comparison is about. Diverged runs are kept apart: they are listed and drawn as diverged
 * and never enter a mean.
 *
 * @param label  the arm's name, or {@code arm [k=v, ...]} when the arm has several grid points (with the
 *               config id added when two configs share a grid point, e.g. runs on different data)
 * @param arm    the arm's name
 * @param runs   all runs, seed order
 */
public record Series(String label, String arm, List<RunLog> runs) {
    public Series {
        runs = List.copyOf(runs);
    }

    /** Runs that did not diverge (complete or incomplete), in seed order. */
    public List<RunLog> included() {
        return runs.stream().filter(r -> !r.diverged()).toList();
    }

    public List<RunLog> diverged() {
        return runs.stream().filter(RunLog::diverged).toList();
    }

    /** {@code metric} at {@code epoch}, seed to value, over the included runs that have a value there (not an empty cell). */
    public Map<Integer, Double> bySeed(String metric, long epoch) {
        Map<Integer, Double> values = new TreeMap<>();
        for (RunLog run : included()) {
            int row = run.metrics().rowOf(epoch);
            if (row >= 0 && run.metrics().has(metric)) {
                double v = run.metrics().rows().get(row)[run.metrics().columns().indexOf(metric)];
                if (!Double.isNaN(v)) {
                    values.put(run.seed(), v);
                }
            }
        }
        return values;
    }

    /** {@code metric} at {@code epoch} over the included runs that reached it, in seed order. */
    public double[] values(String metric, long epoch) {
        return bySeed(metric, epoch).values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The last epoch any included run reached (-1 if none). */
    public long lastEpoch() {
        return included().stream().mapToLong(r -> r.metrics().lastIndex()).max().orElse(-1);
    }

    /** Groups an experiment's runs (sorted by arm, config id, seed) into series. */
    public static List<Series> of(List<RunLog> runs) {
        Map<String, Map<String, List<RunLog>>> byArm = new TreeMap<>();
        for (RunLog run : runs) {
            byArm.computeIfAbsent(run.arm(), a -> new TreeMap<>())
                    .computeIfAbsent(run.configId(), c -> new ArrayList<>()).add(run);
        }
        List<Series> series = new ArrayList<>();
        byArm.forEach((arm, configs) -> {
            List<String> labels = configs.entrySet().stream().map(e -> gridLabel(e.getValue().get(0), e.getKey())).toList();
            List<String> ids = List.copyOf(configs.keySet());
            for (int i = 0; i < ids.size(); i++) {
                String grid = labels.get(i);
                boolean ambiguous = labels.indexOf(grid) != labels.lastIndexOf(grid);
                String label = configs.size() == 1 ? arm : arm + " [" + grid + (ambiguous && !grid.equals(ids.get(i)) ? ", " + ids.get(i) : "") + "]";
                series.add(new Series(label, arm, configs.get(ids.get(i))));
            }
        });
        return List.copyOf(series);
    }

    private static String gridLabel(RunLog run, String configId) {
        List<String> parts = new ArrayList<>();
        run.grid().fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        return parts.isEmpty() ? configId : String.join(", ", parts);
    }
}
