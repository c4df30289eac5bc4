package org.linuxfpsync.featuresync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The {@link BundleContext} a feature's component gets, outside a framework: its bundle's headers
 * are the {@code LinuxFpSync-*} instructions of the module's {@code pom.xml} (the test runs in the
 * module's directory), so a unit test reads the feature's name where the bundle does; the system
 * bundle is STOPPING while {@code frameworkStopping} says so.
 */
public final class FeatureBundle {
    private static final Pattern HEADER = Pattern.compile("<(LinuxFpSync-[A-Za-z-]+)>([^<]*)</\\1>");

    private FeatureBundle() {
    }

    /** The context of the feature bundle built from {@code ./pom.xml}. */
    public static BundleContext context(BooleanSupplier frameworkStopping) {
        return context(Path.of("pom.xml"), frameworkStopping);
    }

    public static BundleContext context(Path pom, BooleanSupplier frameworkStopping) {
        Hashtable<String, String> headers = headers(pom);
        Bundle self = bundle(headers, () -> Bundle.ACTIVE);
        Bundle system = bundle(new Hashtable<>(), () -> frameworkStopping.getAsBoolean() ? Bundle.STOPPING
                : Bundle.ACTIVE);
        return (BundleContext) Proxy.newProxyInstance(FeatureBundle.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBundle" -> args == null ? self : Long.valueOf(0).equals(args[0]) ? system : null;
                    case "toString" -> "test context of " + pom;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("BundleContext." + method.getName());
                });
    }

    /** The {@code LinuxFpSync-*} manifest instructions of a pom. */
    public static Hashtable<String, String> headers(Path pom) {
        Hashtable<String, String> headers = new Hashtable<>();
        try {
            Matcher m = HEADER.matcher(Files.readString(pom));
            while (m.find()) {
                headers.put(m.group(1), m.group(2).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return headers;
    }

    private interface State {
        int get();
    }

    private static Bundle bundle(Hashtable<String, String> headers, State state) {
        return (Bundle) Proxy.newProxyInstance(FeatureBundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaders" -> headers;
                    case "getState" -> state.get();
                    case "getSymbolicName" -> "test." + headers.getOrDefault("LinuxFpSync-SyncFeature", "system");
                    case "getBundleId" -> headers.isEmpty() ? 0L : 1L;
                    case "toString" -> "test bundle " + headers;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("Bundle." + method.getName());
                });
    }
}
