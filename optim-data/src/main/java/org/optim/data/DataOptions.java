package org.optim.data;

import java.nio.file.Path;

/**
 * How to load a data set.
 *
 * @param preprocessing pixel scaling, normalization, item shape
 * @param split which images train, validate and test
 * @param folder an explicit folder with the four files (e.g. a manifest field), or null; it overrides
 *     the folder of {@code sources}
 * @param sources where files come from, or null for {@link DataSources#defaults(DatasetSpec)}
 */
public record DataOptions(Preprocessing preprocessing, Split split, Path folder, DataSources sources) {
    /** The paper's setup: /255, flattened, all 60,000 training images, no validation. */
    public static final DataOptions DEFAULT = new DataOptions(Preprocessing.DEFAULT, Split.STANDARD, null, null);

    public DataOptions {
        if (preprocessing == null || split == null) {
            throw new IllegalArgumentException("data options need a preprocessing and a split");
        }
    }

    /** The sources to use for {@code spec}. */
    DataSources sourcesFor(DatasetSpec spec) {
        DataSources s = sources == null ? DataSources.defaults(spec) : sources;
        return folder == null ? s : s.withFolder(folder);
    }
}
