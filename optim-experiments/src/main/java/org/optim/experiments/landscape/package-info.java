/**
 * Loss landscapes and sharpness measured on trained weights: filter-normalized random directions
 * and 1-D/2-D loss surfaces (Li et al., NeurIPS 2018), the top Hessian eigenvalue by power
 * iteration on Hessian-vector products, and SAM's sharpness (Foret et al., ICLR 2021).
 *
 * <p>Everything here is written against optim-core's {@link org.optim.core.ParameterSet} and
 * {@link org.optim.core.GradientOracle} only, so it works for any model and is tested on a
 * quadratic with a known Hessian. Vector arithmetic runs in float64 in parameter order with
 * sequential sums ({@link org.optim.experiments.landscape.ParameterVector}); the only source of
 * thread-dependence would be the objective itself, which the fast kernel keeps bit-identical.
 */
package org.optim.experiments.landscape;
