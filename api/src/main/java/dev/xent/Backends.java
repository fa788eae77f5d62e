package dev.xent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the {@link InformationMeasures} backends through {@link ServiceLoader} and picks one.
 *
 * <h2>The selection rule</h2>
 * {@link #defaultBackend()} returns, in this order:
 * <ol>
 *   <li>the backend named by the system property {@value #PROPERTY}
 *       ({@code -Dxent.backend=kl}), if set and not blank — an unknown id is an error, never a
 *       silent fallback;</li>
 *   <li>otherwise the first installed and usable backend of {@link #PREFERENCE}, which ranks the
 *       bundled backends by accuracy: {@code vector} and {@code commons} (compensated sums, error
 *       within 4 ulps independent of n, as the verification kit asserts against its oracle),
 *       {@code naive} (plain summation, error growing with n), {@code kl} (adds the rounding of
 *       H(P) + KL(P‖Q)). Between the two equally accurate ones, {@code vector} comes first because
 *       it costs about 1/25 as much; it is usable only in a JVM started with
 *       {@code --add-modules jdk.incubator.vector}, so without that flag the default is
 *       {@code commons};</li>
 *   <li>otherwise the only installed backend, when there is exactly one;</li>
 *   <li>otherwise {@link BackendNotFoundException}, listing what was found.</li>
 * </ol>
 * Only usable backends take part: a backend whose {@link InformationMeasures#unavailableReason()}
 * is not empty (the {@code vector} backend in a JVM started without
 * {@code --add-modules jdk.incubator.vector}) is listed by {@link #unavailable()}, is never chosen
 * by default, and naming it — by {@link #byId(String)} or the property — throws an exception that
 * quotes its reason and remedy. The other backends are unaffected.
 *
 * <p>Discovery runs once, on first use, with {@code ServiceLoader.load(InformationMeasures.class)}:
 * on the class path it reads {@code META-INF/services/dev.xent.InformationMeasures}, on the module
 * path the {@code provides} clauses. Two backends with the same id are an error that names both
 * classes. Like SLF4J 2, xent discovers providers through the service loader and lets a system
 * property force one; unlike SLF4J, a mathematics library has no do-nothing fallback: no backend
 * means an exception, not a silent default.
 *
 * <p>Thread-safe; the list of backends is computed once and then shared.
 */
public final class Backends {

    /** The system property that names the default backend: {@value}. */
    public static final String PROPERTY = "xent.backend";

    /**
     * The bundled backends, most accurate first (the cheaper first among equals); the default is the
     * first one installed and usable.
     */
    public static final List<String> PREFERENCE = List.of("vector", "commons", "naive", "kl");

    private static final String HOW_TO_ADD = "add a backend to the class path or module path, e.g."
            + " the Maven artifact dev.xent:xent-impl-commons (id commons), xent-impl-naive (naive),"
            + " xent-impl-kl (kl) or xent-impl-vector (vector, with --add-modules"
            + " jdk.incubator.vector); a backend of your own implements dev.xent.InformationMeasures"
            + " and is listed in META-INF/services/dev.xent.InformationMeasures and in a"
            + " 'provides' clause of its module-info.java";

    private Backends() {
    }

    /** Lazy, thread-safe holder: the class is initialised on first access only. */
    private static final class Installed {
        /** Every registered backend, usable or not, sorted by id. */
        static final List<InformationMeasures> LOADED =
                checked(load(ServiceLoader.load(InformationMeasures.class)));
        static final List<InformationMeasures> ALL = usable(LOADED);
        static final List<InformationMeasures> UNAVAILABLE = unusable(LOADED);
    }

    /**
     * Every installed backend that can compute in this JVM, sorted by id (see {@link #unavailable()}
     * for the others).
     *
     * @return an unmodifiable list, possibly empty
     * @throws IllegalStateException if two backends share an id, or a registered backend cannot be
     *     instantiated (the message names the class and the cause)
     */
    public static List<InformationMeasures> all() {
        return Installed.ALL;
    }

    /**
     * The installed backends that cannot compute in this JVM, sorted by id; each says why and how to
     * enable it through {@link InformationMeasures#unavailableReason()}. For example the
     * {@code vector} backend, when the JVM was started without
     * {@code --add-modules jdk.incubator.vector}.
     *
     * @return an unmodifiable list, usually empty
     * @throws IllegalStateException as {@link #all()}
     */
    public static List<InformationMeasures> unavailable() {
        return Installed.UNAVAILABLE;
    }

    /**
     * The ids of every usable installed backend, sorted.
     *
     * @return an unmodifiable list of ids
     */
    public static List<String> ids() {
        return ids(all());
    }

    /**
     * The usable installed backend with this id, if any.
     *
     * @param id a backend id, e.g. {@code "naive"}
     * @return the backend, or empty (also when it is installed but {@linkplain #unavailable()
     *     unavailable})
     */
    public static Optional<InformationMeasures> find(String id) {
        return all().stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /**
     * The installed backend with this id.
     *
     * @param id a backend id, e.g. {@code "naive"}
     * @return the backend
     * @throws BackendNotFoundException if no usable backend has that id; the message lists the ids
     *     found, or quotes why the backend of that id is unavailable and how to enable it
     */
    public static InformationMeasures byId(String id) {
        return find(id).orElseThrow(() -> unknown(id, "", all(), unavailable()));
    }

    /**
     * The default backend, chosen by the rule in the class documentation.
     *
     * @return the backend to use when the caller did not name one
     * @throws BackendNotFoundException if {@value #PROPERTY} names an unknown backend, no backend
     *     is installed, or several unranked ones are and none is named
     */
    public static InformationMeasures defaultBackend() {
        return choose(Installed.LOADED, System.getProperty(PROPERTY));
    }

    /**
     * The selection rule on an explicit list of registered backends, usable or not; package-private
     * so that tests can drive it.
     */
    static InformationMeasures choose(List<InformationMeasures> registered, String property) {
        List<InformationMeasures> installed = usable(registered);
        List<InformationMeasures> unusable = unusable(registered);
        if (property != null && !property.isBlank()) {
            String id = property.trim();
            return installed.stream().filter(b -> b.id().equals(id)).findFirst()
                    .orElseThrow(() -> unknown(id, " (from -D" + PROPERTY + ")", installed, unusable));
        }
        for (String id : PREFERENCE) {
            for (InformationMeasures b : installed) {
                if (b.id().equals(id)) {
                    return b;
                }
            }
        }
        if (installed.size() == 1) {
            return installed.get(0);
        }
        if (installed.isEmpty()) {
            throw new BackendNotFoundException(unusable.isEmpty()
                    ? "no xent backend is installed: " + HOW_TO_ADD
                    : "no usable xent backend is installed; " + describe(unusable) + "; or "
                            + HOW_TO_ADD, List.of());
        }
        throw new BackendNotFoundException("several xent backends are installed " + ids(installed)
                + " and none is named: set -D" + PROPERTY + "=ID to choose one", ids(installed));
    }

    /** Loads every provider, turning a broken registration into a message that names it. */
    static List<InformationMeasures> load(Iterable<InformationMeasures> loader) {
        List<InformationMeasures> found = new ArrayList<>();
        try {
            for (InformationMeasures b : loader) {
                found.add(b);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a registered xent backend could not be loaded: "
                    + e.getMessage(), e);
        }
        return found;
    }

    /** Rejects duplicate ids and sorts by id. */
    static List<InformationMeasures> checked(List<InformationMeasures> found) {
        Map<String, InformationMeasures> byId = new HashMap<>();
        for (InformationMeasures b : found) {
            String id = b.id();
            if (id == null || id.isBlank()) {
                throw new IllegalStateException("the xent backend " + b.getClass().getName()
                        + " has a blank id");
            }
            InformationMeasures previous = byId.putIfAbsent(id, b);
            if (previous != null) {
                throw new IllegalStateException("two xent backends share the id '" + id + "': "
                        + previous.getClass().getName() + " and " + b.getClass().getName()
                        + "; remove one of them from the class path or module path");
            }
        }
        List<InformationMeasures> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(InformationMeasures::id));
        return List.copyOf(sorted);
    }

    /** The backends without an unavailability reason, in their order. */
    static List<InformationMeasures> usable(List<InformationMeasures> backends) {
        return backends.stream().filter(b -> b.unavailableReason().isEmpty())
                .collect(Collectors.toUnmodifiableList());
    }

    /** The backends with an unavailability reason, in their order. */
    static List<InformationMeasures> unusable(List<InformationMeasures> backends) {
        return backends.stream().filter(b -> b.unavailableReason().isPresent())
                .collect(Collectors.toUnmodifiableList());
    }

    /** "unavailable: vector (reason)", for messages. */
    private static String describe(List<InformationMeasures> unusable) {
        return "unavailable: " + unusable.stream()
                .map(b -> b.id() + " (" + b.unavailableReason().orElse("") + ")")
                .collect(Collectors.joining(", "));
    }

    private static List<String> ids(List<InformationMeasures> backends) {
        return backends.stream().map(InformationMeasures::id).collect(Collectors.toUnmodifiableList());
    }

    private static BackendNotFoundException unknown(String id, String source,
                                                    List<InformationMeasures> installed,
                                                    List<InformationMeasures> unusable) {
        List<String> found = ids(installed);
        for (InformationMeasures b : unusable) {
            if (b.id().equals(id)) {
                return new BackendNotFoundException("the xent backend '" + id + "'" + source
                        + " is installed but unavailable in this JVM: "
                        + b.unavailableReason().orElse("") + " (usable: "
                        + (found.isEmpty() ? "none" : String.join(", ", found)) + ")", found);
            }
        }
        String listing = found.isEmpty() ? "no backend is installed; " + HOW_TO_ADD
                : "installed: " + String.join(", ", found);
        return new BackendNotFoundException("unknown xent backend '" + id + "'" + source + "; "
                + listing, found);
    }
}
