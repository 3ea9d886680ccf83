package org.optim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optim.report.html.CsvFile;
import org.optim.report.runs.RunLogException;
import org.optim.report.runs.RunLogReader;

/**
 * The landscape section from run logs written here (test input in the documented layout, not
 * results): arms adam and sam (over adam), three seeds, sam's top eigenvalue lower on every seed.
 */
class LandscapeSectionTest {
    @TempDir
    Path runs;

    private static double eigenvalue(String arm, int seed) {
        return arm.equals("sam") ? 4 + 0.5 * seed : 10 + seed;
    }

    private static double sharpness(String arm, int seed) {
        return arm.equals("sam") ? 0.01 * seed : 0.02 + 0.001 * seed;
    }

    private void write(String span, double samLoss) throws IOException {
        Path exp = runs.resolve("tiny");
        Files.createDirectories(exp);
        Files.writeString(exp.resolve("manifest.json"), """
                {"name": "tiny", "title": "Tiny", "seeds": [1, 2, 3], "epochs": 2, "arms": [
                  {"name": "adam", "optimizer": {"name": "adam", "hyperparameters": {"lr": 0.001}}},
                  {"name": "sam", "optimizer": {"name": "sam", "hyperparameters": {"rho": 0.05},
                                                "base": {"name": "adam", "hyperparameters": {"lr": 0.001}}}}]}
                """);
        for (String arm : List.of("adam", "sam")) {
            for (int seed = 1; seed <= 3; seed++) {
                Path dir = exp.resolve(arm).resolve("abcdef012345").resolve("seed-" + seed);
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("run.json"), """
                        {"format": "optim-run/1", "experiment": "tiny", "arm": "%s", "configId": "abcdef012345",
                         "seed": %d, "status": "complete", "epochsCompleted": 2, "diverged": null}
                        """.formatted(arm, seed));
                Files.writeString(dir.resolve("metrics.csv"),
                        "epoch,step,test_accuracy\n0,0,0.1\n1,10,0.9\n2,20,0.95\n");
                String s = seed == 3 && arm.equals("sam") ? span : "1.0";
                Files.writeString(dir.resolve("landscape.json"), """
                        {"format": "optim-landscape/1", "config": {"subsetSize": 64, "directionsSeed": 0, "span": %s,
                         "gridSize": 3, "slicePoints": 3, "rho": 0.05, "ascentSteps": 1, "powerIterations": 100,
                         "powerTolerance": 1.0E-4, "hvpStep": 0.01}, "subset": "train[0:64]", "weights": "final", "epoch": 2}
                        """.formatted(s));
                double scale = arm.equals("sam") ? 1 : 3;
                Files.writeString(dir.resolve("landscape-slice.csv"), "point,alpha,loss\n0,-1.0," + 2 * scale
                        + "\n1,0.0,0.1\n2,1.0," + 3 * scale + "\n");
                StringBuilder surface = new StringBuilder("point,alpha,beta,loss\n");
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 3; k++) {
                        surface.append(j * 3 + k).append(',').append(k - 1.0).append(',').append(j - 1.0).append(',')
                                .append(0.1 + scale * ((k - 1) * (k - 1) + 2 * (j - 1) * (j - 1))).append('\n');
                    }
                }
                Files.writeString(dir.resolve("landscape-surface.csv"), surface);
                Files.writeString(dir.resolve("landscape-sharpness.csv"), String.format(Locale.ROOT,
                        "epoch,loss,grad_norm,top_eigenvalue,power_rayleigh,power_iterations,power_converged,"
                                + "power_relative_change,"
                                + "hvp_step,rho,ascent_steps,sam_perturbed_loss,sam_sharpness\n"
                                + "2,%s,0.01,%s,%s,12,1,5.0E-5,0.01,0.05,1,%s,%s\n",
                        Double.toString(arm.equals("sam") ? samLoss : 0.1), Double.toString(eigenvalue(arm, seed)), Double.toString(eigenvalue(arm, seed)),
                        Double.toString(0.1 + sharpness(arm, seed)), Double.toString(sharpness(arm, seed))));
            }
        }
    }

    @Test
    void sharpnessTableMatchesTheArtifactsAndTheSectionStatesThePrediction() throws IOException {
        write("1.0", 0.1);
        Report.Output out = new Report(null).build(RunLogReader.read(runs));
        CsvFile top = out.tables().stream().filter(c -> c.path().equals("tables/sharpness.csv")).findFirst().orElseThrow();
        assertThat(top.header()).containsExactly("arm", "seed", "topEigenvalue", "samSharpness");
        assertThat(top.rows()).hasSize(6);
        for (List<String> row : top.rows()) {
            int seed = Integer.parseInt(row.get(1));
            assertThat(Double.parseDouble(row.get(2))).isEqualTo(eigenvalue(row.get(0), seed));
            assertThat(Double.parseDouble(row.get(3))).isEqualTo(sharpness(row.get(0), seed));
        }
        CsvFile comparisons = out.tables().stream().filter(c -> c.path().equals("tables/tiny/sharpness-comparisons.csv"))
                .findFirst().orElseThrow();
        assertThat(comparisons.rows()).extracting(r -> r.get(0)).containsExactly("top_eigenvalue", "sam_sharpness");
        assertThat(comparisons.rows().get(0).get(5)).isEqualTo(Double.toString(10 + 2 - (4 + 1.0)));

        String html = out.html();
        assertThat(html).contains("Loss landscape and sharpness")
                .contains("predicts that SAM ends in a flatter minimum")
                .contains("Top eigenvalue is lower for sam than for adam").contains("lower on 3 of 3 seeds")
                .contains("These runs neither confirm nor refute it.")
                .contains("the mean training-subset loss is 0.1000 for sam and 0.1000 for adam: within a factor of 10")
                .contains("12.0000 \u00b1 1.0000")
                .contains("id=\"fig-tiny-landscape-1\"").contains("id=\"fig-tiny-landscape-3\"");
    }

    @Test
    void sharpnessAtVeryDifferentTrainingLossesIsSaidToTestNothing() throws IOException {
        write("1.0", 2.5);
        String html = new Report(null).build(RunLogReader.read(runs)).html();
        assertThat(html).contains("the mean training-subset loss is 2.5000 for sam and 0.1000 for adam: sam is much "
                + "further from a minimum (loss ratio 25.0000)").contains("cannot test the prediction either way")
                .doesNotContain("within a factor of");
    }

    @Test
    void runsMeasuredUnderOtherSettingsAreAnErrorNamingTheFile() throws IOException {
        write("2.0", 0.1);
        assertThatThrownBy(() -> new Report(null).build(RunLogReader.read(runs)))
                .isInstanceOf(RunLogException.class)
                .hasMessageContaining("seed-3").hasMessageContaining("landscape.json").hasMessageContaining("differ");
    }
}
