package org.optim.cli;

import java.nio.file.Files;
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
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Manifest files (JSON), or folders of them.")
    List<Path> files;

    @Override
    public Integer call() throws java.io.IOException {
        int bad = 0;
        for (Path f : ManifestFiles.expand(files)) {
            try {
                Manifest m = ManifestReader.read(f);
                checkBaseline(f, m);
                System.out.println("ok " + f + " (" + m.name() + ": " + m.arms().size() + " arms, "
                        + m.seeds().size() + " seeds, " + m.epochs() + " epochs)");
            } catch (ManifestException e) {
                System.err.println("optim validate: " + e.getMessage());
                bad++;
            }
        }
        return bad == 0 ? 0 : OneLineErrors.INPUT_ERROR;
    }

    /**
     * A hypothesis's baseline is the manifest {@code <baseline>.json} in the same folder (as in
     * {@code experiments/}); that file must exist and be named so.
     */
    private static void checkBaseline(Path f, Manifest m) {
        if (m.hypothesis() == null || m.hypothesis().baseline().isEmpty()) {
            return;
        }
        String baseline = m.hypothesis().baseline();
        Path sibling = f.resolveSibling(baseline + ".json");
        String problem = !Files.isRegularFile(sibling) ? "no manifest " + sibling + " next to it"
                : !ManifestReader.read(sibling).name().equals(baseline) ? sibling + " is not named \"" + baseline + "\"" : null;
        if (problem != null) {
            throw new ManifestException(f + ": /hypothesis/baseline: the baseline \"" + baseline + "\" must be a manifest in the "
                    + "same folder: " + problem);
        }
    }
}
