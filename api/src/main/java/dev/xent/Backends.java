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
 *       ({@code -Dxent.backend=ID}), if set and not blank — an unknown id is an error, never a
 *       silent fallback;</li>
 *   <li>otherwise the most accurate installed and usable backend by its declared
 *       {@link InformationMeasures#accuracy()} ({@link Accuracy#MOST_ACCURATE_FIRST}), the cheaper
 *       by {@link InformationMeasures#relativeCost()} among equally accurate ones, and the
 *       smaller id among backends equal in both (so that the choice never depends on the order of
 *       the class path);</li>
 *   <li>otherwise, when no backend is usable, {@link BackendNotFoundException}, listing what was
 *       found and why each unusable one is unusable.</li>
 * </ol>
 * The rule names no backend: what a backend declares decides, so a third party's backend that
 * promises more than the bundled ones becomes the default when it is installed. {@link #ranked()}
 * lists the usable backends in this order.
 *
 * Only usable backends take part: a backend whose {@link InformationMeasures#unavailableReason()}
 * is not empty (one that needs an incubating JDK module the JVM was started without, say) is
 * listed by {@link #unavailable()}, is never chosen by default, and naming it — by {@link #byId(String)} or the property — throws an exception that
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

    /** The default order: most accurate first, then cheapest, then by id. */
    static final Comparator<InformationMeasures> RANKING =
            Comparator.comparing(InformationMeasures::accuracy, Accuracy.MOST_ACCURATE_FIRST)
                    .thenComparingDouble(InformationMeasures::relativeCost)
                    .thenComparing(InformationMeasures::id);

    private static final String HOW_TO_ADD = "add a backend to the class path or module path (an"
            + " implementation of dev.xent.InformationMeasures listed in"
            + " META-INF/services/dev.xent.InformationMeasures and in a 'provides' clause of its"
            + " module-info.java; the backends that come with xent are listed in its README)";

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
     * enable it through {@link InformationMeasures#unavailableReason()}: for example a backend
     * that needs an incubating JDK module the JVM was started without.
     *
     * @return an unmodifiable list, usually empty
     * @throws IllegalStateException as {@link #all()}
     */
    public static List<InformationMeasures> unavailable() {
        return Installed.UNAVAILABLE;
    }

    /**
     * Every usable installed backend in the order of the selection rule: the first is the default
     * when {@value #PROPERTY} is not set.
     *
     * @return an unmodifiable list, possibly empty
     * @throws IllegalStateException as {@link #all()}
     */
    public static List<InformationMeasures> ranked() {
        return ranked(all());
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
     * @param id a backend id
     * @return the backend, or empty (also when it is installed but {@linkplain #unavailable()
     *     unavailable})
     */
    public static Optional<InformationMeasures> find(String id) {
        return all().stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /**
     * The installed backend with this id.
     *
     * @param id a backend id
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
     * @throws BackendNotFoundException if {@value #PROPERTY} names an unknown or unavailable
     *     backend, or no usable backend is installed
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
        if (installed.isEmpty()) {
            throw new BackendNotFoundException(unusable.isEmpty()
                    ? "no xent backend is installed: " + HOW_TO_ADD
                    : "no usable xent backend is installed; " + describe(unusable) + "; or "
                            + HOW_TO_ADD, List.of());
        }
        return ranked(installed).get(0);
    }

    /** The backends in the order of the selection rule. */
    static List<InformationMeasures> ranked(List<InformationMeasures> backends) {
        List<InformationMeasures> sorted = new ArrayList<>(backends);
        sorted.sort(RANKING);
        return List.copyOf(sorted);
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

    /** "unavailable: ID (reason), …", for messages. */
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
