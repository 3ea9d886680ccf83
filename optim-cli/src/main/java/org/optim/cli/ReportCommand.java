package org.optim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.optim.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code optim report [--runs DIR] [--out DIR] [--metric NAME]}: every experiment under the runs
 * folder to one offline {@code index.html} and its CSV tables. The same runs always give
 * byte-identical files.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the offline HTML report (index.html and tables/*.csv) of every experiment in a runs folder.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "The runs folder (default: ${DEFAULT-VALUE}).")
    String runs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report", description = "Where to write the report (default: ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--metric", paramLabel = "NAME", description = "The metrics.csv column to compare arms on (default: the paper table's, else val_accuracy, ...).")
    String metric;

    @Override
    public Integer call() {
        Report.Output output = new Report(metric).write(Path.of(runs), Path.of(out));
        spec.commandLine().getOut().println("wrote " + Path.of(out).resolve("index.html") + " and " + output.tables().size() + " CSV tables");
        return 0;
    }
}
