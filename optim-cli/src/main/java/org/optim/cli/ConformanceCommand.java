package org.optim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.optim.experiments.conformance.Conformance;
import org.optim.experiments.conformance.Deviation;
import org.optim.experiments.conformance.Mode;
import org.optim.experiments.conformance.ReplayResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code optim conformance DIR...}: replays every {@code *.json} reference trajectory in the given
 * folders with the project's optimizers, once with the recorded gradients and once closed loop,
 * and prints one line per file and mode, then {@code N passed, M failed}. Exit status 0 if all
 * pass, 1 if any fails (a malformed file or an unsupported optimizer, option or problem kind fails
 * too), 2 if a folder is missing.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Replay official optimizer trajectories (reference/*.json) with recorded gradients and"
                + " closed loop, and compare parameters and state (docs/conformance.md).",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every file passed both modes",
                "1:a file failed, is malformed, or needs an unsupported optimizer, option or problem",
                "2:a folder is missing or holds no *.json file"})
public final class ConformanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders holding *.json reference files.")
    List<Path> dirs;

    @Override
    public Integer call() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new InputError(dir + ": no such folder");
            }
            files.addAll(Conformance.caseFiles(dir));
        }
        if (files.isEmpty()) {
            throw new InputError("no *.json reference files in " + dirs);
        }
        List<ReplayResult> results = new ArrayList<>();
        for (Path file : files) {
            results.addAll(Conformance.replay(file));
        }
        int width = 0;
        for (ReplayResult r : results) {
            width = Math.max(width, r.name().length());
        }
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        for (ReplayResult r : results) {
            out.println(line(r, width));
            passed += r.passed() ? 1 : 0;
        }
        out.println(passed + " passed, " + (results.size() - passed) + " failed");
        out.flush();
        return passed == results.size() ? 0 : 1;
    }

    /** {@code name  mode  params abs A rel R  state abs A rel R  [grads abs A rel R]  PASS|FAIL: reason}. */
    static String line(ReplayResult r, int width) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-" + width + "s  %-11s  ", r.name(), r.mode().label()));
        b.append(errors("params", r.params())).append("  ").append(errors("state", r.state())).append("  ");
        if (r.mode() == Mode.CLOSED_LOOP) {
            b.append(errors("grads", r.gradients())).append("  ");
        }
        b.append(r.passed() ? "PASS" : "FAIL: " + r.failure());
        return b.toString();
    }

    /** The worst errors of a group; {@code -} when nothing was compared. */
    private static String errors(String what, Deviation d) {
        return d.count() == 0 ? what + " abs - rel -"
                : what + " abs " + number(d.maxAbs()) + " rel " + number(d.maxRel());
    }

    private static String number(double x) {
        return x == 0 ? "0" : String.format(Locale.ROOT, "%.1e", x);
    }
}
