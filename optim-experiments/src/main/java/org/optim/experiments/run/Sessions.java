package org.optim.experiments.run;

/** Creates the in-memory session of a run; {@code threads} is the kernel's thread count. */
@FunctionalInterface
public interface Sessions {
    Session create(RunSpec run, int threads);
}
