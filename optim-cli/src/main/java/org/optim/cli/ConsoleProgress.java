package org.optim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.optim.data.Progress;

/**
 * Shows fetch progress on stderr: on a terminal one line rewritten in place; otherwise (a log, CI)
 * plain lines at each quarter of a transfer.
 */
final class ConsoleProgress implements Progress {
    private final PrintWriter err;
    private final boolean terminal;
    private String current;
    private int lastQuarter = -1;
    private int lastPercent = -1;

    ConsoleProgress(PrintWriter err) {
        this(err, System.console() != null);
    }

    ConsoleProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void message(String line) {
        endLine();
        err.println(line);
        err.flush();
    }

    @Override
    public void transfer(String what, long done, long total) {
        if (!what.equals(current)) {
            endLine();
            current = what;
            lastQuarter = -1;
            lastPercent = -1;
        }
        int percent = total > 0 ? (int) (100 * done / total) : -1;
        String text = total > 0
                ? String.format(Locale.ROOT, "%s: %3d%% (%.1f of %.1f MB)", what, percent, done / 1e6, total / 1e6)
                : String.format(Locale.ROOT, "%s: %.1f MB", what, done / 1e6);
        if (terminal) {
            if (percent != lastPercent || total <= 0) {
                err.print("\r" + text);
                err.flush();
                lastPercent = percent;
            }
            return;
        }
        int quarter = total > 0 ? percent / 25 : (int) (done >> 24);
        if (quarter != lastQuarter) {
            err.println(text);
            err.flush();
            lastQuarter = quarter;
        }
    }

    private void endLine() {
        if (terminal && current != null) {
            err.println();
        }
        current = null;
    }
}
