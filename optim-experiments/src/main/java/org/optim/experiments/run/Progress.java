package org.optim.experiments.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a batch of runs on stderr: a bar redrawn in place (runs done, the current run's
 * epoch, ETA) when stderr is a terminal, one plain line per finished run (and per minute of a long
 * run) otherwise, so logs of cluster jobs stay readable. Nothing here goes into the run logs.
 * (A one-line bar of our own rather than {@code me.tongfei:progressbar}, which would bring JLine in
 * for what is a carriage return and an erase-line sequence here.)
 */
public final class Progress {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long LINE_NANOS = 60_000_000_000L;
    private final PrintStream err;
    private final boolean terminal;
    private final int totalRuns;
    private long remainingEpochs;
    private int doneRuns;
    private double seconds;
    private long epochsTimed;
    private long lastDraw;
    private final int jobs;

    /**
     * @param terminal  draw a bar (true) or print plain lines
     * @param totalRuns runs in this batch
     * @param epochs    epochs to train in this batch (upper bound; finished runs are subtracted)
     * @param jobs      runs in parallel (the ETA divides by it)
     */
    public Progress(PrintStream err, boolean terminal, int totalRuns, long epochs, int jobs) {
        this.err = err;
        this.terminal = terminal;
        this.totalRuns = totalRuns;
        this.remainingEpochs = epochs;
        this.jobs = jobs;
        this.lastDraw = System.nanoTime();
    }

    /** True when stderr is most likely a terminal: the JVM has a console and TERM is not "dumb". */
    public static boolean stderrIsTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** A run skipped, resumed past some epochs, or not started: its epochs leave the ETA. */
    public synchronized void skipEpochs(long epochs) {
        remainingEpochs -= epochs;
    }

    /** Epoch {@code epoch} of {@code run} is done; it took {@code epochSeconds} of wall clock, writing included. */
    public synchronized void epochDone(RunSpec run, int epoch, double epochSeconds) {
        remainingEpochs--;
        seconds += epochSeconds;
        epochsTimed++;
        long now = System.nanoTime();
        if (terminal && now - lastDraw > REDRAW_NANOS) {
            lastDraw = now;
            draw(run.manifest().name() + "/" + run.arm().name() + " seed " + run.seed() + " epoch " + epoch + "/"
                    + run.epochs());
        } else if (!terminal && now - lastDraw > LINE_NANOS) {
            lastDraw = now;
            err.println("optim run: " + run.label() + " epoch " + epoch + "/" + run.epochs() + eta());
        }
    }

    public synchronized void runDone(RunSpec run, String outcome) {
        doneRuns++;
        if (terminal) {
            err.print("\r\033[K");
        }
        err.println("optim run: [" + doneRuns + "/" + totalRuns + "] " + run.label() + " " + outcome);
        if (terminal && doneRuns < totalRuns) {
            draw("");
        }
    }

    private void draw(String current) {
        int width = 24;
        int filled = totalRuns == 0 ? width : doneRuns * width / totalRuns;
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        err.print("\r\033[K[" + bar + "] " + doneRuns + "/" + totalRuns + " runs  " + current + eta());
        err.flush();
    }

    private String eta() {
        if (epochsTimed == 0) {
            return "";
        }
        long s = Math.round(seconds / epochsTimed * Math.max(0, remainingEpochs) / Math.max(1, jobs));
        return String.format(Locale.ROOT, "  ETA %dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }
}
