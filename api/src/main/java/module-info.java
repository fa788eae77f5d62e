/**
 * The xent API: the measures' service interface, the value types and backend discovery.
 * Backends are found with {@code ServiceLoader}; this module declares the {@code uses}.
 */
module dev.xent.api {
    exports dev.xent;
    exports dev.xent.sum;
    exports dev.xent.special;
    exports dev.xent.text;

    uses dev.xent.InformationMeasures;
}
