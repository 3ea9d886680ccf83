package org.optim.experiments.conformance;

import java.util.List;
import java.util.Map;

/**
 * One entry of a reference file's {@code steps} list: what the official code saw and produced at
 * step {@code t}. Per-parameter lists follow the order of {@code initial}; arrays are flat,
 * row-major, rounded to the case dtype and read-only by convention.
 *
 * @param t              1-based step number
 * @param loss           loss at the parameters before the step
 * @param grads          gradient at the parameters before the step
 * @param params         parameters after the step
 * @param state          optimizer state after the step, {@code {parameter: {official field: values}}}
 *                       in file order ({@code step} as a one-element array), or null when not recorded
 * @param projected      AdamP/SGDP: whether the projection fired, per parameter; null when not recorded
 * @param projectionView AdamP/SGDP: {@code channel}, {@code layer} or null per parameter; null when not recorded
 * @param sam            SAM's perturbation record, or null for other optimizers
 */
public record RecordedStep(int t, double loss, List<double[]> grads, List<double[]> params,
                           Map<String, Map<String, double[]>> state, Map<String, Boolean> projected,
                           Map<String, String> projectionView, Sam sam) {

    /**
     * What SAM records besides the base step.
     *
     * @param gradNorm        the global gradient norm {@code first_step} divides by
     * @param perturbedParams {@code w + e(w)}
     * @param perturbedLoss   loss at {@code w + e(w)}
     * @param perturbedGrads  gradient at {@code w + e(w)}
     */
    public record Sam(double gradNorm, List<double[]> perturbedParams, double perturbedLoss,
                      List<double[]> perturbedGrads) {
    }
}
