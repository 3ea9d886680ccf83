package org.optim.experiments.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on a run folder's {@code .lock} file, so two processes (shards of a job
 * array sharing a runs folder, or two terminals) never work on the same run. The operating system
 * releases it when the process dies, even by kill -9, so a stale lock never blocks a resume.
 */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock on {@code runDir}, or {@code null} if another process (or thread) holds it. */
    public static RunLock tryAcquire(Path runDir) throws IOException {
        FileChannel ch = FileChannel.open(runDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                return null;
            }
            return new RunLock(ch, l);
        } catch (OverlappingFileLockException e) {
            ch.close();
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
