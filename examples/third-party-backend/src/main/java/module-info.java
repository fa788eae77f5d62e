/** A third party's xent backend, 'demo': it exports nothing and only provides the service. */
module org.example.demo {
    requires dev.xent.api;

    provides dev.xent.InformationMeasures with org.example.demo.DemoMeasures;
}
