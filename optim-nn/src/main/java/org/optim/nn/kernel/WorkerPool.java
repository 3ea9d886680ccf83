package org.optim.nn.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.optim.core.Team;

/**
 * A fixed team of {@code n} threads (the caller plus {@code n - 1} daemon workers) that runs one
 * {@link Job} at a time: {@link #run} hands every member its index and returns when all are done.
 * Results never depend on which member does which part: a job either splits its work by the
 * member's index or hands out units of work that are each computed whole by one member (the
 * products' tiles). Members wait for work and for each other by spinning briefly, then
 * yielding, then parking: a training step dispatches several jobs of a few hundred microseconds
 * each, and a park/unpark round trip per job would cost more than the job's packing, while long
 * spinning on a machine shared with other processes would keep the member being waited for off
 * its core.
 */
final class WorkerPool implements Team, AutoCloseable {
    /** One parallel job; {@code member} is in {@code [0, size)}. */
    interface Job {
        void run(int member, WorkerPool pool);
    }

    /** Busy-wait rounds before yielding, and yields before parking (see {@link #idle}). */
    private static final int SPINS = 1 << 10;
    private static final int YIELDS = 1 << 6;

    private final int size;
    private final Thread[] workers;
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger barrierCount = new AtomicInteger();
    private final AtomicInteger barrierGeneration = new AtomicInteger();
    private volatile Job job;
    /** The thread that called {@link #run} (member 0). */
    private volatile Thread owner;
    private volatile Throwable failure;
    private volatile boolean closed;

    WorkerPool(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + size);
        }
        this.size = size;
        this.workers = new Thread[size - 1];
        for (int i = 1; i < size; i++) {
            int member = i;
            Thread t = new Thread(() -> workerLoop(member), "optim-kernel-" + i);
            t.setDaemon(true);
            workers[i - 1] = t;
        }
        for (Thread t : workers) {
            t.start();
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void run(IntConsumer job) {
        run((member, pool) -> job.accept(member));
    }

    /** Runs {@code j} on every member (the caller is member 0) and waits for all of them. */
    void run(Job j) {
        if (size == 1) {
            j.run(0, this);
            return;
        }
        failure = null;
        owner = Thread.currentThread();
        job = j;
        pending.set(size - 1);
        generation.incrementAndGet();
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
        Throwable own = null;
        try {
            j.run(0, this);
        } catch (RuntimeException | Error e) {
            own = e;
        }
        int spins = 0;
        while (pending.get() != 0) {
            idle(++spins);
        }
        job = null;
        Throwable f = own != null ? own : failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    /**
     * Waits until every member of the running job has called this (a reusable barrier). Must be
     * called by all members the same number of times.
     */
    void barrier() {
        if (size == 1) {
            return;
        }
        int gen = barrierGeneration.get();
        if (barrierCount.incrementAndGet() == size) {
            barrierCount.set(0);
            barrierGeneration.incrementAndGet();
            LockSupport.unpark(owner);
            for (Thread t : workers) {
                LockSupport.unpark(t);
            }
            return;
        }
        int spins = 0;
        while (barrierGeneration.get() == gen) {
            idle(++spins);
        }
    }

    /**
     * One round of waiting: spin, then yield, then park until unparked by whoever ends the wait
     * (the caller re-checks its condition, so an early return is harmless).
     */
    private void idle(int round) {
        if (round < SPINS) {
            Thread.onSpinWait();
        } else if (round < SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.park(this);
        }
    }

    private void workerLoop(int member) {
        int seen = 0;
        while (true) {
            int spins = 0;
            int gen;
            while ((gen = generation.get()) == seen) {
                if (closed) {
                    return;
                }
                idle(++spins);
            }
            seen = gen;
            try {
                job.run(member, this);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(owner);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
    }
}
