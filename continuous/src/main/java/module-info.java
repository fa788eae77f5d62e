/**
 * The continuous case of xent: normal distributions, univariate ({@code Gaussian}) and multivariate
 * ({@code MultivariateGaussian}), with differential entropy, cross-entropy and KL divergence in
 * closed form. The multivariate forms use Commons Math 3 for the Cholesky decomposition.
 */
// Commons Math 3.6.1 has no module descriptor and no Automatic-Module-Name: its name comes from the jar.
@SuppressWarnings("requires-automatic")
module dev.xent.continuous {
    // transitive: LogBase appears in this module's public signatures
    requires transitive dev.xent.api;
    requires commons.math3;

    exports dev.xent.continuous;
}
