/**
 * The xent backend 'kl': cross-entropy computed as H(P) + KL(P‖Q). It exports nothing and only provides the service.
 */
module dev.xent.kl {
    requires dev.xent.api;

    provides dev.xent.InformationMeasures with dev.xent.kl.DecompositionMeasures;
}
