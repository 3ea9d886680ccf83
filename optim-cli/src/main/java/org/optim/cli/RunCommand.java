package org.optim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.optim.experiments.classify.ClassificationData;
import org.optim.experiments.manifest.Manifest;
import org.optim.experiments.manifest.ManifestReader;
import org.optim.experiments.run.Progress;
import org.optim.experiments.run.Provenance;
import org.optim.experiments.run.RunPlan;
import org.optim.experiments.run.RunSpec;
import org.optim.experiments.run.Runner;
import org.optim.experiments.run.TaskSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code optim run MANIFEST...}: expands arms x grid x seeds into runs and runs those not finished
 * yet into the runs folder (cached by content, resumable, lockable, shardable).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run experiments: every arm x grid point x seed of each manifest. Finished runs are "
                + "skipped, interrupted ones resume from their last epoch, bit for bit.")
final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "MANIFEST", description = "Manifest files (JSON).")
    List<Path> manifests;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "Runs folder (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--threads", paramLabel = "N", description = "Threads per run for the training kernel "
            + "(default: the number of processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "Runs in parallel (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs instead of the manifest's (quick runs).")
    Integer epochs;

    @Option(names = "--seeds", paramLabel = "LIST", split = ",", description = "Seeds instead of the manifest's, e.g. 1,2.")
    List<Long> seeds;

    @Option(names = "--arms", paramLabel = "LIST", split = ",", description = "Only these arms, e.g. adam,adamp.")
    List<String> arms;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only shard I (0-based) of N: "
            + "the runs whose position in the sorted run list is I mod N.")
    String shard;

    @Override
    public Integer call() throws IOException {
        if (epochs != null && epochs < 1) {
            throw new InputError("--epochs must be at least 1, got " + epochs);
        }
        if (seeds != null && (seeds.stream().anyMatch(s -> s < 0) || seeds.stream().distinct().count() < seeds.size())) {
            throw new InputError("--seeds must be distinct integers >= 0, got " + seeds);
        }
        List<Manifest> read = new ArrayList<>();
        for (Path f : manifests) {
            read.add(ManifestReader.read(f));
        }
        ClassificationData data = new ClassificationData();
        List<RunSpec> plan = RunPlan.expand(read, new RunPlan.Overrides(epochs, seeds, arms), data::sha256s);
        if (shard != null) {
            String[] parts = shard.split("/", -1);
            if (parts.length != 2 || !parts[0].matches("\\d+") || !parts[1].matches("\\d+")) {
                throw new InputError("--shard: expected I/N such as 0/4, got \"" + shard + "\"");
            }
            plan = RunPlan.shard(plan, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Runner runner = new Runner(runs, n, jobs, new TaskSessions(data), Provenance.detect(root()));
        long totalEpochs = plan.stream().mapToLong(RunSpec::epochs).sum();
        runner.run(plan, new Progress(System.err, Progress.stderrIsTerminal(), plan.size(), totalEpochs, jobs));
        return 0;
    }

    /** The checkout bin/optim runs from (its git commit goes into run.json). */
    private static Path root() {
        String r = System.getProperty("optim.root");
        return r == null ? null : Path.of(r);
    }
}
