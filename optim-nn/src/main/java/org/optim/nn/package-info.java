/**
 * Dense networks on optim-core's {@link org.optim.core.ParameterSet}: layers, activations, the fused
 * softmax cross-entropy, initializers, and batched evaluation.
 *
 * <h2>Building a model</h2>
 * <pre>{@code
 * try (Kernels kernels = Kernels.create(threads)) {          // Vector API if present, else scalar
 *     Sequential model = new Sequential(ModelSpec.mlp(784, 784, 10), DType.FLOAT32, kernels);
 *     model.initialize(Initializer.PYTORCH, seed);           // or Initializer.KERAS
 *     ParameterSet ps = model.parameters();                  // fc1.weight [784,784], fc1.bias, fc2.weight [10,784], fc2.bias
 *     ...
 * }
 * }</pre>
 * A {@link org.optim.nn.ModelSpec} is any stack of {@link org.optim.nn.LayerSpec}s (units, {@link
 * org.optim.nn.Activation} relu / linear / sigmoid / tanh, bias or not) whose last layer is linear:
 * its outputs are the logits. Parameters are named and laid out as PyTorch's {@code nn.Linear}
 * modules {@code fc1, fc2, ...} (weight [out, in], {@code y = x W^T + b}), so the reference
 * trajectories' {@code mlp} problems map onto it directly.
 *
 * <h2>Gradients: the oracle</h2>
 * <pre>{@code
 * Rows.gather(trainImages, trainLabels, 784, order, from, rows, batchX, batchY);  // assemble a batch
 * GradientOracle oracle = model.oracle(batchX, batchY, rows);   // mean softmax cross-entropy of the rows
 * StepReport r = optimizer.step(ps, state, oracle);             // SAM calls it twice, same batch
 * double loss = model.lossAndGradient(batchX, batchY, rows);    // the same without an optimizer
 * Evaluation e = model.evaluate(testX, testY, 10_000, 10_000);  // mean loss, accuracy; chunked
 * double gn = Norms.gradientNorm(kernels, ps);                  // fixed-order norms for diagnostics
 * }</pre>
 * The oracle computes the loss at the parameters' current values and overwrites every gradient;
 * it must be called with the model's own parameter set. Inputs are row-major [rows, inputs]
 * tensors of the model's format; only the first {@code rows} rows are read, so one batch tensor
 * serves the last, shorter batch of an epoch too.
 *
 * <h2>Numerics</h2>
 * Float32 models run on {@link org.optim.nn.kernel.Kernels} (fused multiply-add chains in a fixed
 * order: the same bits on any thread count, vector width or JDK); float64 models run the same
 * order on the scalar path. relu'(0) = 0 and the loss is {@code logsumexp(z) - z_y}, as PyTorch.
 * The loss and its gradient are computed in double and rounded once per gradient entry. Nothing
 * here repairs a NaN: a diverged run shows a NaN loss.
 */
package org.optim.nn;
