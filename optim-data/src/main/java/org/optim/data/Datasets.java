package org.optim.data;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The entry point: load a data set by name, checked file by file against its pinned SHA-256.
 *
 * <pre>{@code
 * Dataset d = Datasets.load("mnist", DataOptions.DEFAULT);
 * d.train().images();   // 60000 x 784 floats in [0, 1], row-major
 * d.fileSha256();       // {"t10k-images-idx3-ubyte": "0fa7...", ...}, for run.json
 * d.split();            // "train=train[0:60000] test=test[0:10000]"
 * }</pre>
 *
 * Preprocessing and splits come from {@link Preprocessing#fromMap} and {@link Split#fromMap}.
 */
public final class Datasets {
    private Datasets() {
    }

    /**
     * Finds, checks and preprocesses the data set {@code name}.
     *
     * @throws DataException if a file cannot be found with its published content (the message names it)
     * @throws IllegalArgumentException for an unknown name or a split that does not fit the data
     */
    public static Dataset load(String name, DataOptions options) throws DataException {
        DatasetSpec spec = Catalog.get(name);
        return build(raw(spec, options.sourcesFor(spec), false), options.preprocessing(), options.split());
    }

    /** The checked files of {@code spec} without preprocessing; {@code install} also copies folder files into the cache. */
    public static RawData raw(DatasetSpec spec, DataSources sources, boolean install) throws DataException {
        return RawData.of(spec, new DataStore(spec, sources).resolve(install));
    }

    /** Applies {@code split} and {@code preprocessing} to checked files. */
    public static Dataset build(RawData raw, Preprocessing preprocessing, Split split) {
        DatasetSpec spec = raw.spec();
        IdxFile poolImages = split.trainsOnTestSet() ? raw.testImages() : raw.trainImages();
        IdxFile poolLabels = split.trainsOnTestSet() ? raw.testLabels() : raw.trainLabels();
        Split.Assignment a = split.assign(poolImages.items());
        float[] table = preprocessing.table();
        int features = spec.pixels();
        Dataset.Part test = part(raw.testImages(), raw.testLabels(), identity(raw.testImages().items()), table, features);
        SortedMap<String, String> hashes = new TreeMap<>();
        for (DataStore.Resolved r : raw.resolved()) {
            hashes.put(r.file().name(), r.idx().sha256());
        }
        return new Dataset(spec.name(), part(poolImages, poolLabels, a.train(), table, features),
                part(poolImages, poolLabels, a.validation(), table, features), test,
                preprocessing.itemShape(spec.rows(), spec.cols()), spec.classes(),
                Collections.unmodifiableSortedMap(hashes),
                split.describe(poolImages.items(), raw.testImages().items()), split.trainsOnTestSet(),
                preprocessing.describe());
    }

    private static Dataset.Part part(IdxFile images, IdxFile labels, int[] indices, float[] table, int features) {
        float[] x = new float[indices.length * features];
        int[] y = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int src = indices[k] * features;
            for (int j = 0; j < features; j++) {
                x[k * features + j] = table[images.unsignedByte(src + j)];
            }
            y[k] = labels.unsignedByte(indices[k]);
        }
        return new Dataset.Part(x, y, features);
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** The names of every data set, in a fixed order. */
    public static List<String> names() {
        return Catalog.all().stream().map(DatasetSpec::name).toList();
    }
}
