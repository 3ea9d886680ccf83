package org.optim.experiments.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code checkpoint.bin}: everything a run needs to continue after the last completed epoch, so a
 * resumed run writes the same bytes as one never interrupted. Big-endian ({@link DataOutputStream}):
 * <pre>
 * "optim-checkpoint/1" (UTF), configId (UTF), seed (long), epochsCompleted (int),
 * rows: count (int), each: epoch (int), step (long), n (int), n x (column UTF, value double bits)
 * trajectory: count (int), width (int), count x width doubles
 * secondsPerEpoch: count (int), doubles
 * session state: length (int), bytes (parameters, optimizer state, generators: see Session#save)
 * </pre>
 */
public record Checkpoint(String configId, long seed, int epochsCompleted, List<MetricsRow> rows,
        List<double[]> trajectory, List<Double> secondsPerEpoch, byte[] session) {
    static final String MAGIC = "optim-checkpoint/1";

    public byte[] toBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(session.length + 4096);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes))) {
            out.writeUTF(MAGIC);
            out.writeUTF(configId);
            out.writeLong(seed);
            out.writeInt(epochsCompleted);
            out.writeInt(rows.size());
            for (MetricsRow r : rows) {
                out.writeInt(r.epoch());
                out.writeLong(r.step());
                out.writeInt(r.values().size());
                for (Map.Entry<String, Double> e : r.values().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeDouble(e.getValue());
                }
            }
            int width = trajectory.isEmpty() ? 0 : trajectory.get(0).length;
            out.writeInt(trajectory.size());
            out.writeInt(width);
            for (double[] row : trajectory) {
                for (double v : row) {
                    out.writeDouble(v);
                }
            }
            out.writeInt(secondsPerEpoch.size());
            for (double s : secondsPerEpoch) {
                out.writeDouble(s);
            }
            out.writeInt(session.length);
            out.write(session);
        }
        return bytes.toByteArray();
    }

    /** Reads {@code file}; a malformed file is an {@link IOException} naming it. */
    public static Checkpoint read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IOException(file + ": not an " + MAGIC + " file (starts with \"" + magic + "\")");
            }
            String configId = in.readUTF();
            long seed = in.readLong();
            int epochs = in.readInt();
            int n = in.readInt();
            List<MetricsRow> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int epoch = in.readInt();
                long step = in.readLong();
                int m = in.readInt();
                Map<String, Double> values = new LinkedHashMap<>();
                for (int j = 0; j < m; j++) {
                    values.put(in.readUTF(), in.readDouble());
                }
                rows.add(new MetricsRow(epoch, step, values));
            }
            int count = in.readInt();
            int width = in.readInt();
            List<double[]> trajectory = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                double[] row = new double[width];
                for (int j = 0; j < width; j++) {
                    row[j] = in.readDouble();
                }
                trajectory.add(row);
            }
            int s = in.readInt();
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < s; i++) {
                seconds.add(in.readDouble());
            }
            byte[] session = new byte[in.readInt()];
            in.readFully(session);
            if (in.read() != -1) {
                throw new IOException(file + ": trailing bytes after the session state");
            }
            return new Checkpoint(configId, seed, epochs, rows, trajectory, seconds, session);
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": truncated checkpoint", e);
        }
    }
}
