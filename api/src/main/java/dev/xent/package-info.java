/**
 * xent: the information measures of machine learning — surprisal, entropy, cross-entropy and
 * KL divergence — behind one service interface ({@link dev.xent.InformationMeasures}) with
 * interchangeable backends found by {@link dev.xent.Backends}, on validated distributions
 * ({@link dev.xent.Distribution}) with an explicit unit ({@link dev.xent.LogBase}).
 */
package dev.xent;
