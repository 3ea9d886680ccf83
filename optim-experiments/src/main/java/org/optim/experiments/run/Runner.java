package org.optim.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.optim.experiments.landscape.LandscapeStep;
import org.optim.experiments.manifest.Json;
import org.optim.experiments.manifest.Manifest;

/**
 * Runs a list of {@link RunSpec}s into a runs folder: skips runs already finished, resumes
 * interrupted ones from their last checkpoint, checkpoints after every epoch, stops a run at the
 * first non-finite loss (status {@code diverged}, nothing back-filled) and goes on with the others.
 * A run locked by another process is left to it. Up to {@code jobs} runs go in parallel.
 */
public final class Runner {
    /** What happened to one run. */
    public enum Outcome {
        COMPLETED, DIVERGED, ALREADY_DONE, LOCKED
    }

    private final Path runs;
    private final int threads;
    private final int jobs;
    private final Sessions sessions;
    private final Provenance provenance;

    public Runner(Path runs, int threads, int jobs, Sessions sessions, Provenance provenance) {
        if (threads < 1 || jobs < 1) {
            throw new IllegalArgumentException("--threads and --jobs must be at least 1, got " + threads + " and " + jobs);
        }
        this.runs = runs;
        this.threads = threads;
        this.jobs = jobs;
        this.sessions = sessions;
        this.provenance = provenance;
    }

    /**
     * Runs every spec (in order, {@code jobs} at a time) and returns their outcomes in the same order.
     * A run that fails does not stop the others; the first failure is thrown once all have ended.
     */
    public List<Outcome> run(List<RunSpec> specs, Progress progress) throws IOException {
        Set<Manifest> manifests = new LinkedHashSet<>();
        specs.forEach(s -> manifests.add(s.manifest()));
        for (Manifest m : manifests) {
            Path dir = runs.resolve(m.name());
            Files.createDirectories(dir);
            RunLogs.writeManifest(dir, m.source());
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "optim-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (RunSpec s : specs) {
                futures.add(pool.submit(() -> execute(s, progress)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            Exception first = null;
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(await(f));
                } catch (IOException | RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            if (first instanceof IOException io) {
                throw io;
            }
            if (first != null) {
                throw (RuntimeException) first;
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome await(Future<Outcome> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        }
    }

    /** One run, start to finish (or to where another process holds it). */
    Outcome execute(RunSpec run, Progress progress) throws IOException {
        Path dir = run.dir(runs);
        Files.createDirectories(dir);
        try (RunLock lock = RunLock.tryAcquire(dir)) {
            if (lock == null) {
                progress.skipEpochs(run.epochs());
                progress.runDone(run, "skipped: another process is running it");
                return Outcome.LOCKED;
            }
            return executeLocked(run, dir, progress);
        }
    }

    private Outcome executeLocked(RunSpec run, Path dir, Progress progress) throws IOException {
        AtomicFiles.deleteTemporaries(dir);
        JsonNode stored = RunLogs.readRunJson(dir);
        if (stored != null) {
            if (!Json.canonical(stored.path("config")).equals(Json.canonical(run.config()))) {
                throw new IllegalArgumentException(dir.resolve(RunLogs.RUN_JSON) + ": the stored config differs "
                        + "from the manifest's; refusing to continue (move the folder away to start over)");
            }
            String status = stored.path("status").asText();
            int done = stored.path("epochsCompleted").asInt();
            if (RunLogs.Status.DIVERGED.label().equals(status)
                    || RunLogs.Status.COMPLETE.label().equals(status) && done >= run.epochs()) {
                Files.deleteIfExists(dir.resolve(RunLogs.CHECKPOINT));
                if (RunLogs.Status.COMPLETE.label().equals(status)) {
                    LandscapeStep.ensure(run, dir, null, () -> sessions.create(run, threads), done);
                }
                progress.skipEpochs(run.epochs());
                progress.runDone(run, "already " + status + " (" + done + " epochs)");
                return Outcome.ALREADY_DONE;
            }
        }
        try (Session session = sessions.create(run, threads)) {
            return train(run, dir, session, progress);
        }
    }

    private Outcome train(RunSpec run, Path dir, Session session, Progress progress) throws IOException {
        Path ckpt = dir.resolve(RunLogs.CHECKPOINT);
        List<MetricsRow> rows = new ArrayList<>();
        List<double[]> trajectory = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        int epoch;
        if (Files.isRegularFile(ckpt)) {
            Checkpoint c = Checkpoint.read(ckpt);
            if (!c.configId().equals(run.configId()) || c.seed() != run.seed()) {
                throw new IllegalArgumentException(ckpt + ": checkpoint of config " + c.configId() + " seed " + c.seed()
                        + ", expected " + run.configId() + " seed " + run.seed());
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(c.session()))) {
                session.restore(in);
            }
            rows.addAll(c.rows());
            trajectory.addAll(c.trajectory());
            seconds.addAll(c.secondsPerEpoch());
            epoch = c.epochsCompleted();
            progress.skipEpochs(Math.min(epoch, run.epochs()));
        } else {
            long t0 = System.nanoTime();
            rows.add(session.begin());
            trajectory.addAll(session.drainTrajectory());
            seconds.add((System.nanoTime() - t0) / 1e9);
            epoch = 0;
            persist(run, dir, session, rows, trajectory, seconds, epoch);
        }
        while (epoch < run.epochs()) {
            long t0 = System.nanoTime();
            Session.EpochOutcome out = session.train(epoch + 1);
            double s = (System.nanoTime() - t0) / 1e9;
            if (out.divergence() != null) {
                seconds.add(s);
                progress.skipEpochs(run.epochs() - epoch - 1);
                finish(run, dir, session, rows, trajectory, seconds, RunLogs.Status.DIVERGED, epoch, out.divergence());
                progress.runDone(run, "diverged at epoch " + out.divergence().epoch() + ", step " + out.divergence().step());
                return Outcome.DIVERGED;
            }
            epoch++;
            rows.add(out.row());
            trajectory.addAll(session.drainTrajectory());
            seconds.add(s);
            if (epoch < run.epochs()) {
                persist(run, dir, session, rows, trajectory, seconds, epoch);
            }
            progress.epochDone(run, epoch, (System.nanoTime() - t0) / 1e9);
        }
        // Before finish deletes the checkpoint: a run killed while measuring retrains its last epoch
        // (bit for bit) and then measures only what is missing.
        LandscapeStep.ensure(run, dir, session, () -> sessions.create(run, threads), epoch);
        finish(run, dir, session, rows, trajectory, seconds, RunLogs.Status.COMPLETE, epoch, null);
        progress.runDone(run, "complete (" + epoch + " epochs)");
        return Outcome.COMPLETED;
    }

    /** After an epoch: checkpoint first (the source of truth on resume), then the readable logs. */
    private void persist(RunSpec run, Path dir, Session session, List<MetricsRow> rows, List<double[]> trajectory,
            List<Double> seconds, int epoch) throws IOException {
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(state)) {
            session.save(out);
        }
        AtomicFiles.write(dir.resolve(RunLogs.CHECKPOINT),
                new Checkpoint(run.configId(), run.seed(), epoch, rows, trajectory, seconds, state.toByteArray()).toBytes());
        writeLogs(run, dir, session, rows, trajectory, seconds, RunLogs.Status.INCOMPLETE, epoch, null);
    }

    private void finish(RunSpec run, Path dir, Session session, List<MetricsRow> rows, List<double[]> trajectory,
            List<Double> seconds, RunLogs.Status status, int epoch, Session.Divergence divergence) throws IOException {
        writeLogs(run, dir, session, rows, trajectory, seconds, status, epoch, divergence);
        Files.deleteIfExists(dir.resolve(RunLogs.CHECKPOINT));
    }

    private void writeLogs(RunSpec run, Path dir, Session session, List<MetricsRow> rows, List<double[]> trajectory,
            List<Double> seconds, RunLogs.Status status, int epoch, Session.Divergence divergence) throws IOException {
        RunLogs.writeMetrics(dir, run.manifest().task(), rows);
        if (!session.trajectoryColumns().isEmpty()) {
            RunLogs.writeTrajectory(dir, session.trajectoryColumns(), trajectory);
        }
        RunLogs.writeTiming(dir, seconds);
        RunLogs.writeRunJson(dir, run, provenance, status, epoch, divergence);
    }
}
