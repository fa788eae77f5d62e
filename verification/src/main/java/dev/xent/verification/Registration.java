package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * The registration clauses of {@link InformationMeasures} ("For implementers"): a backend is found
 * by {@link java.util.ServiceLoader} through {@code META-INF/services/dev.xent.InformationMeasures}
 * on the class path and through {@code provides} in its module descriptor on the module path, has
 * a unique non-blank id, and declares its accuracy and cost. Each failure says which registration
 * is missing and how to add it.
 */
final class Registration {

    /** The service's binary name: the services file's name and the {@code provides} clause's service. */
    static final String SERVICE = InformationMeasures.class.getName();

    /** The services file, relative to the root of a jar or a class directory. */
    static final String SERVICES_FILE = "META-INF/services/" + SERVICE;

    private Registration() {
    }

    /** Every installed backend, usable or not, as discovery lists them. */
    private static List<InformationMeasures> discovered() {
        List<InformationMeasures> all = new ArrayList<>(Backends.all());
        all.addAll(Backends.unavailable());
        return all;
    }

    static void idIsNonBlankAndUniqueAmongTheDiscoveredBackends(InformationMeasures b) {
        String id = b.id();
        assertThat(id).as("[%s] id() must be a short non-blank id (it names the backend in -Dxent.backend=ID)", id)
                .isNotNull().isNotBlank();
        List<String> same = discovered().stream().filter(d -> id.equals(d.id()))
                .map(d -> d.getClass().getName()).collect(Collectors.toList());
        assertThat(same.size()).as("[%s] id() must be unique among the discovered backends; classes with this id: %s",
                id, same).isLessThanOrEqualTo(1);
    }

    static void hasANonBlankDescription(InformationMeasures b) {
        assertThat(b.description()).as("[%s] description() is one sentence for listings such as 'xent backends'",
                b.id()).isNotNull().isNotBlank();
    }

    static void declaresItsAccuracy(InformationMeasures b) {
        assertThat(b.accuracy()).as("[%s] accuracy() states the bounds the kit asserts; it must not be null"
                + " (the default is Accuracy.FORMULAS_AS_WRITTEN)", b.id()).isNotNull();
    }

    static void declaresAPositiveFiniteRelativeCost(InformationMeasures b) {
        double cost = b.relativeCost();
        assertThat(cost > 0.0 && cost < Double.POSITIVE_INFINITY).as(
                "[%s] relativeCost() must be positive and finite (1 = a plain Math.log loop); it is %s", b.id(), cost)
                .isTrue();
    }

    static void isFoundByServiceLoader(InformationMeasures b) {
        Class<?> type = b.getClass();
        List<InformationMeasures> found = discovered().stream().filter(d -> d.getClass() == type)
                .collect(Collectors.toList());
        String path = type.getModule().isNamed() ? "module path (where only 'provides' counts)"
                : "class path (where only META-INF/services counts)";
        assertThat(found).as("[%s] ServiceLoader does not find %s on the %s; discovered: %s. %s", b.id(),
                type.getName(), path, ids(discovered()), type.getModule().isNamed() ? howToProvide(type)
                        : howToListInServices(type)).hasSize(1);
        if (b.unavailableReason().isEmpty()) {
            assertThat(Backends.byId(b.id()).getClass()).as("[%s] Backends.byId(\"%s\")", b.id(), b.id())
                    .isEqualTo(type);
            if (Backends.all().size() == 1) {
                assertThat(Backends.defaultBackend().getClass())
                        .as("[%s] the only usable backend installed must be the default", b.id()).isEqualTo(type);
            }
        }
    }

    static void isListedInMetaInfServices(InformationMeasures b) {
        Class<?> type = b.getClass();
        Path root = codeSource(b);
        Optional<List<String>> listed = servicesFile(root);
        assertThat(listed).as("[%s] not registered for the class path: %s has no %s. %s", b.id(), root,
                SERVICES_FILE, howToListInServices(type)).isPresent();
        assertThat(listed.get()).as("[%s] not registered for the class path: %s in %s does not list %s. %s", b.id(),
                SERVICES_FILE, root, type.getName(), howToListInServices(type)).contains(type.getName());
    }

    static void isProvidedByItsModuleDescriptor(InformationMeasures b) {
        Class<?> type = b.getClass();
        Optional<ModuleDescriptor> descriptor = descriptor(b);
        Assumptions.assumeTrue(descriptor.isPresent(), () -> String.format(Locale.ROOT,
                "[%s] has no module descriptor (module-info.class) in %s, so it runs on the class path only; to"
                        + " support the module path, add module-info.java with 'requires dev.xent.api;' and"
                        + " 'provides %s with %s;'", b.id(), codeSource(b), SERVICE, type.getName()));
        ModuleDescriptor d = descriptor.get();
        List<String> providers = d.provides().stream().filter(p -> p.service().equals(SERVICE))
                .flatMap(p -> p.providers().stream()).collect(Collectors.toList());
        assertThat(providers).as("[%s] not registered for the module path: module %s provides %s with %s. %s",
                b.id(), d.name(), SERVICE, providers.isEmpty() ? "nothing" : providers, howToProvide(type))
                .contains(type.getName());
    }

    private static String howToListInServices(Class<?> type) {
        return "Add the file src/main/resources/" + SERVICES_FILE + " with the line " + type.getName()
                + " (the class path ignores 'provides').";
    }

    private static String howToProvide(Class<?> type) {
        return "Add 'provides " + SERVICE + " with " + type.getName() + ";' to module-info.java"
                + " (the module path ignores META-INF/services).";
    }

    private static List<String> ids(List<InformationMeasures> backends) {
        return backends.stream().map(d -> d.id() + " (" + d.getClass().getName() + ")").collect(Collectors.toList());
    }

    /** The jar or class directory the backend's class was loaded from; skips the check if unknown. */
    private static Path codeSource(InformationMeasures b) {
        CodeSource source = b.getClass().getProtectionDomain().getCodeSource();
        Assumptions.assumeTrue(source != null && source.getLocation() != null
                && "file".equals(source.getLocation().getProtocol()), () -> "[" + b.id()
                + "] the location of " + b.getClass().getName() + " is unknown (" + source
                + "), so its registration files cannot be read");
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider names in the services file of a jar or class directory, if it has one. */
    static Optional<List<String>> servicesFile(Path root) {
        try {
            if (Files.isDirectory(root)) {
                Path file = root.resolve(SERVICES_FILE);
                return Files.isRegularFile(file) ? Optional.of(providerNames(Files.readAllLines(file,
                        StandardCharsets.UTF_8))) : Optional.empty();
            }
            try (JarFile jar = new JarFile(root.toFile())) {
                JarEntry entry = jar.getJarEntry(SERVICES_FILE);
                if (entry == null) {
                    return Optional.empty();
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    return Optional.of(providerNames(List.of(new String(in.readAllBytes(),
                            StandardCharsets.UTF_8).split("\n"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a services file without comments ({@code #} to the end of the line) and blanks. */
    private static List<String> providerNames(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty())
                .collect(Collectors.toList());
    }

    /**
     * The backend's explicit module descriptor: its module's, if it runs as a named (not automatic)
     * module, otherwise the {@code module-info.class} at the root of its jar or class directory
     * (also in {@code META-INF/versions/N/} of a multi-release jar).
     */
    private static Optional<ModuleDescriptor> descriptor(InformationMeasures b) {
        Module module = b.getClass().getModule();
        if (module.isNamed() && module.getDescriptor() != null && !module.getDescriptor().isAutomatic()) {
            return Optional.of(module.getDescriptor());
        }
        Path root = codeSource(b);
        try {
            if (Files.isDirectory(root)) {
                Path file = root.resolve("module-info.class");
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return Optional.of(ModuleDescriptor.read(in));
                }
            }
            try (JarFile jar = new JarFile(root.toFile())) {
                List<JarEntry> entries = new ArrayList<>();
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().equals("module-info.class") || (entry.getName().startsWith("META-INF/versions/")
                            && entry.getName().endsWith("/module-info.class"))) {
                        entries.add(entry);
                    }
                }
                if (entries.isEmpty()) {
                    return Optional.empty();
                }
                try (InputStream in = jar.getInputStream(entries.get(0))) {
                    return Optional.of(ModuleDescriptor.read(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
