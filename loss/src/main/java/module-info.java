/**
 * The xent loss layer: cross-entropy as a classification loss (binary, categorical, sparse,
 * labelled log loss), a client of the {@code dev.xent.InformationMeasures} service like any
 * application.
 */
module dev.xent.loss {
    requires transitive dev.xent.api;

    exports dev.xent.loss;
}
