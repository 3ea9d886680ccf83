package org.optim.nn;

/**
 * The model's quality on a set of examples.
 *
 * @param loss     mean softmax cross-entropy
 * @param accuracy fraction of rows whose largest logit (first one on ties) is the label
 * @param rows     number of examples
 */
public record Evaluation(double loss, double accuracy, int rows) {
}
