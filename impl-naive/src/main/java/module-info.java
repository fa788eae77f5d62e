/**
 * The xent backend 'naive': the direct sums, exactly as the formulas read. It exports nothing and only provides the service.
 */
module dev.xent.naive {
    requires dev.xent.api;

    provides dev.xent.InformationMeasures with dev.xent.naive.NaiveMeasures;
}
