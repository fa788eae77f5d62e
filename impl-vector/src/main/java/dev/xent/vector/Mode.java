package dev.xent.vector;

import java.util.Optional;

/**
 * How the backend {@code vector} computes in the running JVM: with the Vector API when the JVM
 * has the module {@code jdk.incubator.vector} (started with {@code --add-modules
 * jdk.incubator.vector}), otherwise on scalar code with the same compensated algorithm. The
 * mode is decided once, when the class is initialised; {@link #kernels()} gives the loops of that
 * mode, and code that has a vector path of its own can branch on {@link #CURRENT}.
 */
enum Mode {

    /** Several doubles per instruction with {@code jdk.incubator.vector}. */
    VECTOR_API,

    /** One double at a time, four independent compensated sums in flight, {@link Math#log}. */
    SCALAR;

    private static final String MODULE = "jdk.incubator.vector";

    /** The JVM option that enables {@link #VECTOR_API}. */
    static final String FLAG = "--add-modules " + MODULE;

    /** The mode of this JVM. */
    static final Mode CURRENT = detect();

    private static Mode detect() {
        Optional<Module> vector = ModuleLayer.boot().findModule(MODULE);
        if (vector.isEmpty()) {
            return SCALAR;
        }
        Module self = Mode.class.getModule();
        if (!self.canRead(vector.get())) {
            // only possible on the module path (requires static): a module may add a read edge for itself
            self.addReads(vector.get());
        }
        return VECTOR_API;
    }

    /**
     * The loops of this mode. {@link VectorKernels}, the only class that names incubating types, is
     * loaded only when this is {@link #VECTOR_API}.
     *
     * @return the kernels
     */
    Kernels kernels() {
        return this == VECTOR_API ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
    }
}
