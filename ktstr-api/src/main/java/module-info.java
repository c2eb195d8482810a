/**
 * The ktstr-java API: the sidecar schema and its byte-exact JSON codec, run layout, the
 * service-provider interfaces, and the one place that looks providers up.
 *
 * <p>Implementations live in their own modules and are found with {@link java.util.ServiceLoader}
 * through {@link dev.ktstr.api.Providers}; no other module of this project calls
 * {@code ServiceLoader}. Put a provider module on the module path (or its jar on the class
 * path) and it is found; choose among several with the system property
 * {@code ktstr.<spi>=<name>} or the environment variable {@code KTSTR_<SPI>}.
 *
 * @uses dev.ktstr.api.spi.SidecarStore
 * @uses dev.ktstr.api.spi.CommitProbe
 * @uses dev.ktstr.api.spi.RunLock
 * @uses dev.ktstr.api.spi.HostProbe
 */
module dev.ktstr.api {
    // Transitive what public signatures show: MeterRegistry (the writer's and reader's builders,
    // SidecarMeters) and jackson-core's JsonGenerator, PrettyPrinter, JsonFactory (SerdeJson).
    // databind (the kernel metadata reader) and FastDoubleParser (the codec) are implementation only.
    requires transitive micrometer.core;
    requires transitive com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires ch.randelshofer.fastdoubleparser;

    exports dev.ktstr.api;
    exports dev.ktstr.api.env;
    exports dev.ktstr.api.spi;
    exports dev.ktstr.api.layout;
    exports dev.ktstr.api.kernel;
    exports dev.ktstr.api.schema;
    exports dev.ktstr.api.codec;
    exports dev.ktstr.api.store;
    exports dev.ktstr.api.write;
    exports dev.ktstr.api.read;

    // KernelCache binds metadata.json to private records.
    opens dev.ktstr.api.kernel to com.fasterxml.jackson.databind;

    uses dev.ktstr.api.spi.SidecarStore;
    uses dev.ktstr.api.spi.CommitProbe;
    uses dev.ktstr.api.spi.RunLock;
    uses dev.ktstr.api.spi.HostProbe;
}
