package dev.xent.loss;

/**
 * How per-example losses ℓ<sub>n</sub> with weights w<sub>n</sub> become one number.
 *
 * <ul>
 *   <li>{@link #MEAN}: Σ w<sub>n</sub>ℓ<sub>n</sub> / Σ w<sub>n</sub> — a weighted mean divides by
 *       the <em>sum of the weights</em>, as scikit-learn's {@code log_loss(sample_weight=…)}
 *       ({@code numpy.average}) and PyTorch's {@code CrossEntropyLoss(weight=…)} do. Keras' default
 *       {@code sum_over_batch_size} divides Σ w<sub>n</sub>ℓ<sub>n</sub> by the number of examples
 *       instead; with all weights 1 the two agree.</li>
 *   <li>{@link #SUM}: Σ w<sub>n</sub>ℓ<sub>n</sub>.</li>
 *   <li>{@link #NONE}: the per-example values w<sub>n</sub>ℓ<sub>n</sub> (weighted, as Keras and
 *       PyTorch return them with reduction {@code none}), so that their sum is {@link #SUM}.</li>
 * </ul>
 */
public enum Reduction {
    /** The weighted mean Σ wℓ / Σ w. */
    MEAN,
    /** The weighted sum Σ wℓ. */
    SUM,
    /** No reduction: the per-example weighted losses wℓ. */
    NONE
}
