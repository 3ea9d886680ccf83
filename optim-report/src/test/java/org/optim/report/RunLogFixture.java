package org.optim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes small run-log folders in the optim-run/1 layout for tests: test input, not results. The
 * curves follow simple closed forms with a per-seed offset, so expected statistics can be recomputed
 * from the files the test reads back. As the runner writes them, epoch 0 has no diagnostics (empty
 * cells) and Reddi's regret is empty at step 0.
 *
 * <ul>
 *   <li>{@code mnist-paper}: a hostile title, description and arm label; arms {@code adamp},
 *       {@code expectigrad}, {@code sam} (seed 4 diverged at epoch 7), {@code x<i>&"y} (every seed
 *       diverges), 5 seeds, {@value #EPOCHS} epochs, the paper's Table II as a paper table;</li>
 *   <li>{@code toy-rosenbrock}: a trajectory.csv per run;</li>
 *   <li>{@code toy-reddi}: x and regret per step; seed 0 of two arms of the three the manifest names.</li>
 * </ul>
 */
public final class RunLogFixture {
    public static final String HOSTILE_TITLE = "<script>alert(1)</script> & \"MNIST\"";
    public static final String HOSTILE_ARM = "x<i>&\"y";
    public static final String HOSTILE_LABEL = "<img src=x onerror=alert(2)>";
    public static final int EPOCHS = 20;
    public static final int SEEDS = 5;
    private static final String HEADER = "epoch,step,train_loss,train_accuracy,val_loss,val_accuracy,test_loss,test_accuracy,grad_norm,param_norm";

    private RunLogFixture() {
    }

    /** Writes all three experiments under {@code runs}. */
    public static Path write(Path runs) {
        mnist(runs.resolve("mnist-paper"));
        rosenbrock(runs.resolve("toy-rosenbrock"));
        reddi(runs.resolve("toy-reddi"));
        return runs;
    }

    static void mnist(Path dir) {
        file(dir.resolve("manifest.json"), """
                {
                  "arms": [
                    {"label": "SAM", "name": "sam", "optimizer": {"name": "sam"}},
                    {"label": "AdamP", "name": "adamp", "optimizer": {"name": "adamp"}},
                    {"label": "Expectigrad", "name": "expectigrad", "optimizer": {"name": "expectigrad"}},
                    {"label": "%s", "name": "%s", "optimizer": {"name": "sgd", "hyperparameters": {"lr": 1000}}}
                  ],
                  "description": "Description with <b>markup</b> & an ampersand.",
                  "epochs": %d,
                  "name": "mnist-paper",
                  "paper": {
                    "citation": "the paper",
                    "tables": [{"caption": "Table II <accuracy>", "id": "table-ii", "metric": "test_accuracy", "rows": [
                      {"epoch": 10, "values": {"sam": 0.41, "adamp": 0.11, "expectigrad": 0.89}},
                      {"epoch": 20, "values": {"sam": 0.56, "adamp": 0.20, "expectigrad": 0.90}}
                    ]}]
                  },
                  "seeds": [1, 2, 3, 4, 5],
                  "title": "%s"
                }
                """.formatted(json(HOSTILE_LABEL), json(HOSTILE_ARM), EPOCHS, json(HOSTILE_TITLE)));
        String[] arms = {"adamp", "expectigrad", "sam", HOSTILE_ARM};
        for (int a = 0; a < arms.length; a++) {
            for (int seed = 1; seed <= SEEDS; seed++) {
                String arm = arms[a];
                boolean allDiverge = arm.equals(HOSTILE_ARM);
                int divergedAt = allDiverge ? 2 + seed % 3 : arm.equals("sam") && seed == 4 ? 7 : -1;
                int last = divergedAt < 0 ? EPOCHS : divergedAt - 1;
                String diagnostic = switch (arm) {
                    case "adamp" -> ",projection/fc1.weight,projection/fc2.weight";
                    case "sam" -> ",sam/perturbation_norm";
                    case "expectigrad" -> ",expectigrad/zero_grad_fraction";
                    default -> "";
                };
                StringBuilder csv = new StringBuilder(HEADER + diagnostic + "\n");
                for (int e = 0; e <= last; e++) {
                    double acc = accuracy(a, seed, e);
                    double loss = 2.3 * Math.exp(-0.3 * e) + 0.05 + 0.01 * seed;
                    csv.append(e).append(',').append(e * 469).append(',')
                            .append(loss).append(',').append(acc + 0.01).append(',')
                            .append(loss * 1.1).append(',').append(acc).append(',')
                            .append(loss * 1.2).append(',').append(acc - 0.002).append(',')
                            .append(1.0 / (1 + e)).append(',').append(30 + 0.1 * e);
                    if (!diagnostic.isEmpty()) {
                        for (int k = 0; k < diagnostic.split(",").length - 1; k++) {
                            csv.append(',').append(e == 0 ? "" : Double.toString(0.1 * (k + 1) + 0.01 * seed / e));
                        }
                    }
                    csv.append('\n');
                }
                String status = divergedAt >= 0 ? "diverged" : "complete";
                String diverged = divergedAt >= 0 ? "{\"epoch\": " + divergedAt + ", \"step\": " + divergedAt * 469 + ", \"lastFiniteLoss\": 2.31}" : "null";
                run(dir, arm, "3f2a9c01b7de", seed, status, last, diverged, csv.toString(), null);
            }
        }
    }

    /** A test accuracy that rises with the epoch; arms differ by a fixed gap, seeds by a small offset. */
    public static double accuracy(int arm, int seed, int epoch) {
        return 0.9 + 0.02 * arm - 0.5 * Math.exp(-0.5 * epoch) + 0.001 * ((seed * 7) % 5);
    }

    static void rosenbrock(Path dir) {
        file(dir.resolve("manifest.json"), "{\"name\": \"toy-rosenbrock\", \"title\": \"Scale-invariant Rosenbrock\", \"arms\": ["
                + "{\"name\": \"adamp\"}, {\"name\": \"sgd-momentum\"}], \"paper\": {\"citation\": \"AdamP\", \"claims\": ["
                + "{\"id\": \"r-adamp\", \"text\": \"projection keeps r near 1.12\", \"arm\": \"adamp\", \"metric\": \"r\", \"start\": 1.0, \"end\": 1.12}]}}\n");
        String[] arms = {"adamp", "sgd-momentum"};
        for (int a = 0; a < arms.length; a++) {
            StringBuilder traj = new StringBuilder("step,loss,r,psi,phi,w0,w1,w2\n");
            StringBuilder metrics = new StringBuilder("epoch,train_loss,r\n");
            for (int s = 0; s <= 200; s++) {
                double psi = 0.3 + 0.7 * (1 - Math.exp(-s / 40.0));
                double phi = psi * psi;
                double r = 1 + (a == 0 ? 0.12 : 2.2) * (1 - Math.exp(-s / 50.0));
                double loss = Math.pow(1 - psi, 2) + 100 * Math.pow(phi - psi * psi, 2);
                traj.append(s).append(',').append(loss).append(',').append(r).append(',').append(psi).append(',').append(phi)
                        .append(',').append(r * Math.sin(psi) * Math.cos(phi)).append(',').append(r * Math.sin(psi) * Math.sin(phi))
                        .append(',').append(r * Math.cos(psi)).append('\n');
                if (s % 20 == 0) {
                    metrics.append(s / 20).append(',').append(loss).append(',').append(r).append('\n');
                }
            }
            run(dir, arms[a], "aaaaaaaaaaaa", 0, "complete", 10, "null", metrics.toString(), traj.toString());
        }
    }

    static void reddi(Path dir) {
        file(dir.resolve("manifest.json"), "{\"name\": \"toy-reddi\", \"title\": \"Reddi et al.'s problem\", \"seeds\": [0, 1], \"arms\": "
                + "[{\"name\": \"adam\"}, {\"name\": \"amsgrad\"}, {\"name\": \"expectigrad\"}]}\n");
        String[] arms = {"adam", "expectigrad"};
        for (int a = 0; a < arms.length; a++) {
            StringBuilder traj = new StringBuilder("step,x,regret\n");
            StringBuilder metrics = new StringBuilder("epoch,train_loss\n");
            for (int s = 0; s <= 300; s++) {
                double x = a == 0 ? Math.min(1, -0.5 + s / 150.0) : -Math.min(1, 0.5 + s / 300.0);
                traj.append(s).append(',').append(x).append(',').append(s == 0 ? "" : Double.toString((x + 1) * 10 / Math.sqrt(s))).append('\n');
                if (s % 30 == 0) {
                    metrics.append(s / 30).append(',').append(x).append('\n');
                }
            }
            run(dir, arms[a], "bbbbbbbbbbbb", 0, "complete", 10, "null", metrics.toString(), traj.toString());
        }
    }

    /** Writes one run folder. */
    public static Path run(Path experimentDir, String arm, String configId, int seed, String status, int epochs,
            String diverged, String metrics, String trajectory) {
        Path dir = experimentDir.resolve(arm).resolve(configId).resolve("seed-" + seed);
        file(dir.resolve("run.json"), runJson(experimentDir.getFileName().toString(), arm, configId, seed, status, epochs, diverged));
        file(dir.resolve("metrics.csv"), metrics);
        file(dir.resolve("timing.json"), "{\"wallSeconds\": " + (seed + 0.5) + "}\n");
        if (trajectory != null) {
            file(dir.resolve("trajectory.csv"), trajectory);
        }
        return dir;
    }

    static String runJson(String experiment, String arm, String configId, int seed, String status, int epochs, String diverged) {
        return String.format(Locale.ROOT, """
                {
                  "format": "optim-run/1",
                  "experiment": "%s",
                  "arm": "%s",
                  "configId": "%s",
                  "seed": %d,
                  "status": "%s",
                  "epochsCompleted": %d,
                  "diverged": %s,
                  "config": {},
                  "grid": {},
                  "provenance": {
                    "manifestSha256": "0f0e", "gitCommit": "abc1234", "optimVersion": "0.1.0-SNAPSHOT",
                    "jdk": "17.0.15 (Debian)", "os": "Linux amd64", "cpu": "test cpu",
                    "data": {"t10k-images-idx3-ubyte": "8d4222", "train-images-idx3-ubyte": "440fcab"},
                    "split": "train=test[0:10000] eval=test[0:10000]", "trainedOnTestSet": true
                  }
                }
                """, json(experiment), json(arm), configId, seed, status, epochs, diverged);
    }

    /** Escapes a string for a JSON string literal. */
    static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The values of {@code column} at {@code epoch} in the non-diverged runs of {@code arm}, read back from the files. */
    public static List<Double> readBack(Path experimentDir, String arm, String column, int epoch) throws IOException {
        List<Double> values = new ArrayList<>();
        try (var configs = Files.list(experimentDir.resolve(arm))) {
            for (Path config : configs.sorted().toList()) {
                for (int seed = 0; seed <= 100; seed++) {
                    Path runDir = config.resolve("seed-" + seed);
                    if (!Files.isDirectory(runDir) || Files.readString(runDir.resolve("run.json")).contains("\"diverged\",")) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"));
                    int c = List.of(lines.get(0).split(",")).indexOf(column);
                    for (String line : lines.subList(1, lines.size())) {
                        String[] cells = line.split(",");
                        if (Integer.parseInt(cells[0]) == epoch) {
                            values.add(Double.parseDouble(cells[c]));
                        }
                    }
                }
            }
        }
        return values;
    }

    static void file(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
