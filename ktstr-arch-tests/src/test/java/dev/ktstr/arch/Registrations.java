package dev.ktstr.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Compares a module's {@code provides} with its {@code META-INF/services} files. */
final class Registrations {

    private Registrations() {
    }

    /** Provider class names of a services file, per the ServiceLoader file format. */
    static Set<String> parseServicesFile(String text) {
        Set<String> out = new TreeSet<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    static List<String> mismatches(String module, Map<String, Set<String>> moduleInfo, Map<String, Set<String>> services) {
        List<String> out = new ArrayList<>();
        Set<String> all = new TreeSet<>(moduleInfo.keySet());
        all.addAll(services.keySet());
        for (String service : all) {
            Set<String> declared = moduleInfo.get(service);
            Set<String> listed = services.get(service);
            if (declared == null) {
                out.add(module + ": " + service + " has a META-INF/services file but no provides in module-info");
            } else if (listed == null) {
                out.add(module + ": " + service + " is provided in module-info but has no META-INF/services file");
            } else {
                Set<String> extra = new TreeSet<>(listed);
                extra.removeAll(declared);
                Set<String> missing = new TreeSet<>(declared);
                missing.removeAll(listed);
                if (!extra.isEmpty()) {
                    out.add(module + ": " + service + ": META-INF/services lists " + extra + " that module-info does not provide");
                }
                if (!missing.isEmpty()) {
                    out.add(module + ": " + service + ": module-info provides " + missing + " missing from META-INF/services");
                }
            }
        }
        return out;
    }
}
