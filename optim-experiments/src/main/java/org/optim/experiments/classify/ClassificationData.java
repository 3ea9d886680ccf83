package org.optim.experiments.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.optim.core.DType;
import org.optim.core.Tensor;
import org.optim.data.DataOptions;
import org.optim.data.Dataset;
import org.optim.data.Datasets;
import org.optim.data.Preprocessing;
import org.optim.data.Split;
import org.optim.experiments.manifest.Classification;

/**
 * The data sets of a process, loaded once per (data set, scaling) and shared by every run and job:
 * both files of a data set, checked against their pinned SHA-256s and preprocessed by
 * {@code optim-data}; a manifest's partitions are ranges of them, never copies.
 */
public final class ClassificationData {
    private final Map<String, Dataset> loaded = new HashMap<>();
    private final Map<String, ClassificationSession.Part> parts = new HashMap<>();

    /** The checked, preprocessed data set of {@code data}. */
    public synchronized Dataset load(Classification.Data data) {
        String key = data.dataset() + "/" + data.scaling();
        Dataset d = loaded.get(key);
        if (d == null) {
            Preprocessing.Scale scale = "raw".equals(data.scaling()) ? Preprocessing.Scale.RAW : Preprocessing.Scale.UNIT;
            try {
                d = Datasets.load(data.dataset(), new DataOptions(new Preprocessing(scale, null, true), Split.STANDARD,
                        null, null));
            } catch (IOException e) {
                throw new UncheckedIOException(data.dataset() + ": " + e.getMessage(), e);
            }
            loaded.put(key, d);
        }
        return d;
    }

    /** File name -> SHA-256 of the files {@code data} reads (for the run identity and run.json). */
    public Map<String, String> sha256s(Classification.Data data) {
        return load(data).fileSha256();
    }

    /**
     * The images and labels of a partition (a range of one of the data set's two files) as the model
     * reads them, made once per process and shared by every run; {@code null} for no partition.
     */
    public synchronized ClassificationSession.Part part(Classification.Data data, Classification.Partition p,
            DType dtype) {
        if (p == null) {
            return null;
        }
        String key = data.dataset() + "/" + data.scaling() + "/" + p + "/" + dtype.label();
        ClassificationSession.Part cached = parts.get(key);
        if (cached == null) {
            Dataset d = load(data);
            Dataset.Part part = "test".equals(p.source()) ? d.test() : d.train();
            int f = part.features();
            Tensor images = Tensor.zeros(dtype, p.size(), f);
            if (images instanceof Tensor.F32 t) {
                System.arraycopy(part.images(), p.from() * f, t.data(), 0, p.size() * f);
            } else {
                for (int i = 0; i < p.size() * f; i++) {
                    images.set(i, part.images()[p.from() * f + i]);
                }
            }
            cached = new ClassificationSession.Part(images,
                    java.util.Arrays.copyOfRange(part.labels(), p.from(), p.to()), p.size());
            parts.put(key, cached);
        }
        return cached;
    }
}
