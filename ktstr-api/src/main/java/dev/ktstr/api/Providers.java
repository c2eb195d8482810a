package dev.ktstr.api;

import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.spi.HostProbe;
import dev.ktstr.api.spi.KtstrProvider;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.SidecarStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The one provider lookup of ktstr-java, the same rule for every {@link Spi}:
 * <ol>
 *   <li>an explicit choice wins: system property {@code ktstr.<spi>=<name>}, else the
 *       environment variable {@code KTSTR_<SPI>}; a choice naming a missing or unusable
 *       provider is an error, never a silent fallback;</li>
 *   <li>otherwise the usable provider with the highest priority (ties broken by name, so
 *       the choice does not depend on class-path order);</li>
 *   <li>two providers with one name are an error;</li>
 *   <li>no usable provider is an error naming the SPI, every provider tried and why it was
 *       refused, and the module to add.</li>
 * </ol>
 * Providers are found with {@link ServiceLoader}: {@code provides} on the module path,
 * {@code META-INF/services} on the class path. This class is the only caller of
 * {@code ServiceLoader} in the project.
 */
public final class Providers {

    private Providers() {
    }

    /** One instance per SPI and provider name, shared by the whole process until {@link #closeAll}. */
    private static final Map<String, KtstrProvider> INSTANCES = new LinkedHashMap<>();
    /** The selection of each SPI, made once. */
    private static final Map<Spi<?>, Selection<?>> SELECTED = new LinkedHashMap<>();
    private static boolean hookRegistered;
    /** Degraded choices already reported: once per process, even across {@link #closeAll}. */
    private static final Set<String> WARNED = new HashSet<>();

    /**
     * {@return the sidecar store chosen for this process}: the same instance on every call.
     *
     * @throws ProviderException when no store can be chosen
     */
    public static SidecarStore store() {
        return selected(Spi.STORE).provider();
    }

    /**
     * {@return the commit probe chosen for this process}: the same instance on every call.
     *
     * @throws ProviderException when no probe can be chosen
     */
    public static CommitProbe probe() {
        return selected(Spi.PROBE).provider();
    }

    /**
     * {@return the host and kernel probe chosen for this process}: the same instance on every call.
     *
     * @throws ProviderException when no host probe can be chosen
     */
    public static HostProbe host() {
        return selected(Spi.HOST).provider();
    }

    /**
     * The run lock chosen for this process: the same instance on every call. Unless a lock is
     * chosen explicitly, a store that {@linkplain SidecarStore#lockProvider brings its own lock}
     * gets it (choosing the {@code pg} store brings the {@code pg} lock).
     *
     * @return the shared run lock
     * @throws ProviderException when no lock can be chosen
     */
    public static RunLock lock() {
        return selected(Spi.LOCK).provider();
    }

    /**
     * The process-wide selection of {@code spi}, made at the first call with the thread's
     * context class loader, the system properties and the environment, then kept. The chosen
     * instance is the one every later call (and {@link #named}) returns, until {@link #closeAll}.
     * When a provider of higher priority was refused and a lower one chosen without an explicit
     * choice (flock refused, nio chosen), one line on standard error says so.
     *
     * @param <S> the provider type
     * @param spi the SPI to select a provider for
     * @return the selection, holding the shared provider instance
     * @throws ProviderException when no provider can be chosen
     */
    @SuppressWarnings("unchecked")
    public static synchronized <S extends KtstrProvider> Selection<S> selected(Spi<S> spi) {
        Selection<S> s = (Selection<S>) SELECTED.get(spi);
        if (s != null) {
            return s;
        }
        if (spi == Spi.LOCK && !explicitlyChosen(spi)) {
            Optional<String> storeLock = storeLockProvider();
            if (storeLock.isPresent()) {
                Selection<S> byStore = select(spi, loaderIterable(spi),
                        k -> k.equals(spi.propertyName()) ? storeLock.get() : null, k -> null);
                s = new Selection<>(spi, byStore.provider(), "brought by the store '" + store().name() + "'",
                        byStore.candidates());
            }
        }
        if (s == null) {
            s = select(spi);
            warnIfDegraded(s);
        }
        S shared = share(spi, s.provider());
        s = new Selection<>(spi, shared, s.reason(), s.candidates());
        SELECTED.put(spi, s);
        return s;
    }

    /**
     * The provider of {@code spi} named {@code name}, chosen from code (as the system property
     * {@code ktstr.<spi>=<name>} would): the same instance on every call, and the same as
     * {@link #selected}'s when it chose that name.
     *
     * @param <S>  the provider type
     * @param spi  the SPI the provider implements
     * @param name the provider's {@link KtstrProvider#name() name}, e.g. {@code fs}
     * @return the shared instance of that provider
     * @throws ProviderException when no usable provider has that name
     */
    public static synchronized <S extends KtstrProvider> S named(Spi<S> spi, String name) {
        Objects.requireNonNull(name, "name");
        @SuppressWarnings("unchecked")
        S cached = (S) INSTANCES.get(spi.key() + ":" + name);
        if (cached != null) {
            return cached;
        }
        Selection<S> s = select(spi, loaderIterable(spi), k -> k.equals(spi.propertyName()) ? name : null, k -> null);
        return share(spi, s.provider());
    }

    /**
     * Closes every provider instance this class handed out, once each, and forgets the
     * selections (the next call selects afresh). The CLI calls it at exit; a shutdown hook
     * calls it too, so an embedder that forgets still releases connections and threads.
     * Failures are printed to standard error, never thrown.
     */
    public static void closeAll() {
        List<KtstrProvider> toClose;
        synchronized (Providers.class) {
            toClose = new ArrayList<>(INSTANCES.values());
            INSTANCES.clear();
            SELECTED.clear();
        }
        Collections.reverse(toClose); // last shared, first closed
        for (KtstrProvider p : toClose) {
            try {
                p.close();
            } catch (Exception | LinkageError e) {
                System.err.println("warning: closing provider '" + p.name() + "' failed: " + oneLine(e));
            }
        }
    }

    private static <S extends KtstrProvider> S share(Spi<S> spi, S provider) {
        String key = spi.key() + ":" + provider.name();
        @SuppressWarnings("unchecked")
        S existing = (S) INSTANCES.get(key);
        if (existing != null) {
            if (existing != provider) {
                provider.close();
            }
            return existing;
        }
        INSTANCES.put(key, provider);
        if (!hookRegistered) {
            hookRegistered = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Providers::closeAll, "ktstr-providers-close"));
        }
        return provider;
    }

    /** The lock the selected store brings; empty without one, or without any store (a lock used alone). */
    private static Optional<String> storeLockProvider() {
        try {
            return store().lockProvider();
        } catch (ProviderException noStore) {
            return Optional.empty();
        }
    }

    private static boolean explicitlyChosen(Spi<?> spi) {
        return nonEmpty(System.getProperty(spi.propertyName())) != null
                || nonEmpty(System.getenv(spi.environmentVariable())) != null;
    }

    private static <S extends KtstrProvider> Iterable<S> loaderIterable(Spi<S> spi) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Providers.class.getClassLoader();
        }
        return ServiceLoader.load(spi.type(), loader);
    }

    private static void warnIfDegraded(Selection<?> s) {
        if (s.reason().startsWith("system property") || s.reason().startsWith("environment variable")) {
            return;
        }
        String chosen = s.provider().name();
        int chosenPriority = s.provider().priority();
        for (Candidate c : s.candidates()) {
            if (!c.usable() && c.priority() > chosenPriority && WARNED.add(s.spi().key() + ":" + c.name())) {
                System.err.println("warning: " + s.spi().type().getSimpleName() + " provider '" + c.name()
                        + "' cannot run here (" + c.refusal() + "); using '" + chosen + "' instead. Set "
                        + s.spi().propertyName() + "=" + chosen + " to make this choice explicit and silence this.");
            }
        }
    }

    /**
     * Looks up {@code spi} with the thread's context class loader (which also sees the boot
     * layer's modules), the system properties and the process environment. A fresh lookup:
     * its instances are new, not shared and not closed by {@link #closeAll} (the CLI's
     * {@code providers} report uses it); for the process-wide instance use {@link #selected}.
     *
     * @param <S> the provider type
     * @param spi the SPI to look up
     * @return the selection, with a fresh provider instance
     * @throws ProviderException when no provider can be chosen
     */
    public static <S extends KtstrProvider> Selection<S> select(Spi<S> spi) {
        return select(spi, loaderIterable(spi), System::getProperty, System::getenv);
    }

    /**
     * Looks up {@code spi} among the modules of {@code layer} (and its parents), for
     * applications that load providers into their own module layer.
     *
     * @param <S>   the provider type
     * @param spi   the SPI to look up
     * @param layer the module layer whose providers (and its parents') are considered
     * @return the selection, with a fresh provider instance
     * @throws ProviderException when no provider can be chosen
     */
    public static <S extends KtstrProvider> Selection<S> select(Spi<S> spi, ModuleLayer layer) {
        return select(spi, ServiceLoader.load(layer, spi.type()), System::getProperty, System::getenv);
    }

    /**
     * The lookup rule over explicit sources: the discovered providers, the system properties
     * and the environment (each a function from name to value or {@code null}).
     *
     * @param <S>         the provider type
     * @param spi         the SPI to look up
     * @param discovered  the providers found, in discovery order; a registration that fails to
     *                    load becomes a refused candidate rather than an error
     * @param properties  the system properties: name to value, or {@code null} when unset
     * @param environment the environment variables: name to value, or {@code null} when unset
     * @return the selection: the chosen provider, why, and every candidate
     * @throws ProviderException when two providers share a name, an explicit choice names a
     *                           missing or unusable provider, or no provider is usable
     */
    public static <S extends KtstrProvider> Selection<S> select(
            Spi<S> spi, Iterable<S> discovered, UnaryOperator<String> properties, UnaryOperator<String> environment) {
        Objects.requireNonNull(spi, "spi");
        List<Candidate> candidates = new ArrayList<>();
        Map<String, S> usable = new LinkedHashMap<>();
        Map<String, List<Candidate>> byName = new LinkedHashMap<>();
        Iterator<S> it = discovered.iterator();
        while (true) {
            S provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // A broken registration must not hide the healthy providers next to it.
                Candidate broken = new Candidate("<broken>", 0, "<unknown>", "<unknown>",
                        "failed to load: " + oneLine(e));
                candidates.add(broken);
                if (e instanceof ServiceConfigurationError && isStuck(e)) {
                    break;
                }
                continue;
            }
            Candidate c = describe(provider);
            candidates.add(c);
            byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
            if (c.usable()) {
                usable.putIfAbsent(c.name(), provider);
            }
        }

        // Listed by priority, then name: discovery order depends on how the JVM found the jars
        // (module graph, or a class path folder's listing order), and listings must not.
        candidates.sort(Comparator.comparingInt(Candidate::priority).reversed().thenComparing(Candidate::name)
                .thenComparing(Candidate::className));
        for (Map.Entry<String, List<Candidate>> e : byName.entrySet()) {
            if (e.getValue().size() > 1) {
                throw new ProviderException("Several providers of " + spi + " are named '" + e.getKey() + "': "
                        + e.getValue().stream().map(Candidate::describe).collect(Collectors.joining("; "))
                        + ". Remove one of them from the module path or class path; provider names must be unique.");
            }
        }

        String chosen = nonEmpty(properties.apply(spi.propertyName()));
        String source = "system property " + spi.propertyName();
        if (chosen == null) {
            chosen = nonEmpty(environment.apply(spi.environmentVariable()));
            source = "environment variable " + spi.environmentVariable();
        }
        if (chosen != null) {
            List<Candidate> named = byName.get(chosen);
            if (named == null) {
                throw new ProviderException("The " + source + " asks for " + spi.type().getSimpleName() + " provider '"
                        + chosen + "', but no provider has that name. Found: " + list(candidates)
                        + ". Fix the name or add the module that provides '" + chosen + "'.");
            }
            Candidate c = named.get(0);
            if (!c.usable()) {
                throw new ProviderException("The " + source + " asks for " + spi.type().getSimpleName() + " provider '"
                        + chosen + "', but it cannot run here: " + c.refusal()
                        + ". Choose another provider or unset " + source.substring(source.lastIndexOf(' ') + 1) + ".");
            }
            return new Selection<>(spi, usable.get(chosen), source + "=" + chosen, candidates);
        }

        if (usable.isEmpty()) {
            StringBuilder msg = new StringBuilder("No usable provider of ").append(spi.type().getName())
                    .append(" was found.");
            if (candidates.isEmpty()) {
                msg.append(" No provider is registered on the module path or class path.");
            } else {
                msg.append(" Tried:");
                for (Candidate c : candidates) {
                    msg.append("\n  - ").append(c.describe());
                }
            }
            msg.append("\nAdd the module ").append(spi.defaultModule()).append(" (Maven artifact ")
                    .append(spi.defaultArtifact()).append(") to the module path or class path, or another provider of ")
                    .append(spi.type().getSimpleName()).append('.');
            throw new ProviderException(msg.toString());
        }

        List<Candidate> ranked = candidates.stream().filter(Candidate::usable)
                .sorted(Comparator.comparingInt(Candidate::priority).reversed().thenComparing(Candidate::name))
                .collect(Collectors.toList());
        Candidate best = ranked.get(0);
        String reason = ranked.size() == 1
                ? "only usable provider"
                : "highest priority (" + best.priority() + ") of " + ranked.size() + " usable: "
                        + ranked.stream().map(c -> c.name() + "=" + c.priority()).collect(Collectors.joining(", "));
        return new Selection<>(spi, usable.get(best.name()), reason, candidates);
    }

    private static Candidate describe(KtstrProvider provider) {
        String className = provider.getClass().getName();
        Module m = provider.getClass().getModule();
        String module = m.isNamed() ? m.getName() : "unnamed module";
        String name;
        int priority;
        try {
            name = provider.name();
            priority = provider.priority();
        } catch (RuntimeException e) {
            return new Candidate(className, 0, className, module, "name() or priority() threw " + oneLine(e));
        }
        if (name == null || name.isBlank()) {
            return new Candidate(className, priority, className, module, "has no name");
        }
        String refusal;
        try {
            refusal = provider.unavailableReason().orElse("");
        } catch (RuntimeException | LinkageError e) {
            refusal = "availability check threw " + oneLine(e);
        }
        return new Candidate(name, priority, className, module, refusal);
    }

    private static boolean isStuck(Throwable e) {
        // ServiceLoader's iterator cannot move past a malformed configuration file.
        return e.getMessage() != null && e.getMessage().contains("Error reading configuration file");
    }

    private static String oneLine(Throwable e) {
        String m = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (e.getCause() != null && e.getCause() != e) {
            m += " (caused by " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage() + ")";
        }
        return m.replace('\n', ' ');
    }

    private static String list(List<Candidate> candidates) {
        return candidates.isEmpty() ? "none"
                : candidates.stream().map(Candidate::describe).collect(Collectors.joining("; "));
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
