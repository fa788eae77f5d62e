/**
 * The xent backend 'commons': built on Apache Commons Math 3. It exports nothing and only provides the service.
 */
// Commons Math 3.6.1 has no module descriptor and no Automatic-Module-Name: its name comes from the jar.
@SuppressWarnings("requires-automatic")
module dev.xent.commons {
    requires dev.xent.api;
    requires commons.math3;

    provides dev.xent.InformationMeasures with dev.xent.commons.CommonsMeasures;
}
