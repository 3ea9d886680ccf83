package org.optim.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.optim.experiments.manifest.Manifest;
import org.optim.experiments.manifest.ManifestException;
import org.optim.experiments.manifest.ManifestReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code optim validate FILE...}: checks manifests strictly; one line per file; exit 2 if any is bad. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check experiment manifests: each error names the file, the JSON pointer (or line:column) "
                + "and what was expected. Exit status 2 if any manifest is invalid.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Manifest files (JSON).")
    List<Path> files;

    @Override
    public Integer call() {
        int bad = 0;
        for (Path f : files) {
            try {
                Manifest m = ManifestReader.read(f);
                System.out.println("ok " + f + " (" + m.name() + ": " + m.arms().size() + " arms, "
                        + m.seeds().size() + " seeds, " + m.epochs() + " epochs)");
            } catch (ManifestException e) {
                System.err.println("optim validate: " + e.getMessage());
                bad++;
            }
        }
        return bad == 0 ? 0 : OneLineErrors.INPUT_ERROR;
    }
}
