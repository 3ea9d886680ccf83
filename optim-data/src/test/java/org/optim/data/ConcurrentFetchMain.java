package org.optim.data;

import java.nio.file.Path;
import java.util.List;

/** A second process for {@link DataStoreTest}: fetches Fashion-MNIST from a given Debian root into a given cache. */
public final class ConcurrentFetchMain {
    private ConcurrentFetchMain() {
    }

    public static void main(String[] args) throws DataException {
        DatasetSpec spec = Catalog.FASHION_MNIST;
        DataSources sources = new DataSources(null, Path.of(args[0]), false, Path.of(args[1]), List.of(), Progress.silent());
        Datasets.raw(spec, sources, true);
    }
}
