package org.optim.core;

/**
 * What one optimizer step reports.
 *
 * @param loss        the loss at the parameters before the step (the first oracle call)
 * @param diagnostics the optimizer's per-step measurements
 */
public record StepReport(double loss, Diagnostics diagnostics) {
}
