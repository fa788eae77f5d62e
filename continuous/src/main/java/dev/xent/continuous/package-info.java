/**
 * The continuous case: differential entropy, cross-entropy and KL divergence of normal
 * distributions in closed form — univariate ({@link dev.xent.continuous.Gaussian}) and multivariate
 * ({@link dev.xent.continuous.MultivariateGaussian}, Cholesky from Commons Math 3) — and the Gaussian negative log-likelihood of regression residuals —
 * the tutorial's link between mean squared error and cross-entropy.
 */
package dev.xent.continuous;
