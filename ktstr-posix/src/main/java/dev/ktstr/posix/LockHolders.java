package dev.ktstr.posix;

import dev.ktstr.api.spi.RunLock.Holder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who holds a {@code flock(2)} on a file, from {@code /proc/locks}.
 *
 * <p>{@code /proc/locks} names a file by {@code maj:min:inode}, with the device of the
 * superblock. On btrfs, overlayfs and bind mounts {@code stat}'s device differs from it, so the
 * device comes from the {@code /proc/self/mountinfo} entry covering the file (longest mount
 * point prefix), the inode from {@code stat}.
 */
final class LockHolders {
    static final String NONE_RECORDED = "<none recorded>";
    static final int CMDLINE_MAX_CHARS = 100;
    static final String CMDLINE_UNAVAILABLE = "<cmdline unavailable>";

    private LockHolders() {
    }

    /** The holders of {@code flock} locks on {@code lockFile}, in {@code /proc/locks} order. */
    static List<Holder> read(Path lockFile) throws IOException {
        String mountinfo = Files.readString(Paths.get("/proc/self/mountinfo"), StandardCharsets.ISO_8859_1);
        String needle = needle(lockFile, mountinfo);
        String locks = Files.readString(Paths.get("/proc/locks"), StandardCharsets.ISO_8859_1);
        List<Holder> holders = new ArrayList<>();
        for (long pid : flockPids(locks, needle)) {
            holders.add(new Holder(pid, cmdline(pid)));
        }
        return holders;
    }

    /** {@link #read}, or an empty list when {@code /proc} cannot tell (the report must not fail). */
    static List<Holder> readOrEmpty(Path lockFile) {
        try {
            return read(lockFile);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** {@code <none recorded>}, or one {@code "  pid=<pid> cmd=<cmdline>"} line per holder. */
    static String format(List<Holder> holders) {
        if (holders.isEmpty()) {
            return NONE_RECORDED;
        }
        return holders.stream().map(h -> "  pid=" + h.pid() + " cmd=" + h.cmdline()).collect(Collectors.joining("\n"));
    }

    /** {@code maj:min:inode} as {@code /proc/locks} prints it: hex (2 digits at least), hex, decimal. */
    static String needle(Path lockFile, String mountinfo) throws IOException {
        Path real;
        try {
            real = lockFile.toRealPath();
        } catch (IOException e) {
            real = lockFile.toAbsolutePath().normalize();
        }
        long inode = ((Number) Files.getAttribute(lockFile, "unix:ino")).longValue();
        int[] majMin = mountMajorMinor(mountinfo, real.toString())
                .orElseThrow(() -> new IOException("no mountinfo entry covers " + lockFile + " — is /proc mounted?"));
        return String.format("%02x:%02x:%d", majMin[0], majMin[1], inode);
    }

    /** The decimal {@code major:minor} of the mount whose mount point is the longest component prefix of {@code path}. */
    static Optional<int[]> mountMajorMinor(String mountinfo, String path) {
        int[] best = null;
        int bestLen = -1;
        for (String line : mountinfo.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5) {
                continue;
            }
            String[] mm = f[2].split(":");
            if (mm.length != 2) {
                continue;
            }
            String mountPoint = unescapeOctal(f[4]);
            if (!isComponentPrefix(mountPoint, path) || mountPoint.length() <= bestLen) {
                continue;
            }
            try {
                best = new int[] {Integer.parseInt(mm[0]), Integer.parseInt(mm[1])};
                bestLen = mountPoint.length();
            } catch (NumberFormatException e) {
                // a malformed line covers nothing
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean isComponentPrefix(String mountPoint, String path) {
        if (mountPoint.equals("/")) {
            return path.startsWith("/");
        }
        return path.equals(mountPoint) || path.startsWith(mountPoint + "/");
    }

    /** Decodes mountinfo's {@code \NNN} octal escapes; anything else (and values above {@code \377}) stays literal. */
    static String unescapeOctal(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\\' && i + 3 < b.length && isOctal(b[i + 1]) && isOctal(b[i + 2]) && isOctal(b[i + 3])) {
                int v = (b[i + 1] - '0') * 64 + (b[i + 2] - '0') * 8 + (b[i + 3] - '0');
                if (v <= 0xFF) {
                    out.write(v);
                    i += 3;
                    continue;
                }
            }
            out.write(b[i]);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte c) {
        return c >= '0' && c <= '7';
    }

    /**
     * The pids of {@code FLOCK} lines (not {@code POSIX}, not {@code OFDLCK}) on {@code needle},
     * first occurrence order, no duplicates; malformed lines are skipped.
     */
    static List<Long> flockPids(String procLocks, String needle) {
        Set<Long> pids = new LinkedHashSet<>();
        for (String line : procLocks.split("\n")) {
            String[] f = line.trim().split("\\s+");
            // "1: FLOCK  ADVISORY  WRITE 1234 08:02:5678 0 EOF". A blocked waiter's line reads
            // "1: -> FLOCK ...": its type field is "->", so waiters are not reported as holders.
            if (f.length < 6 || !f[1].equals("FLOCK") || !f[5].equals(needle)) {
                continue;
            }
            try {
                pids.add(Long.parseLong(f[4]));
            } catch (NumberFormatException e) {
                // malformed pid: skip the line
            }
        }
        return List.copyOf(pids);
    }

    /** {@code /proc/<pid>/cmdline} with NULs as spaces, end trimmed, cut to 100 characters plus {@code …}. */
    static String cmdline(long pid) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(Paths.get("/proc", Long.toString(pid), "cmdline"));
        } catch (IOException | RuntimeException e) {
            return CMDLINE_UNAVAILABLE;
        }
        String text = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').stripTrailing();
        if (text.isEmpty()) {
            return CMDLINE_UNAVAILABLE;
        }
        if (text.codePointCount(0, text.length()) > CMDLINE_MAX_CHARS) {
            text = text.substring(0, text.offsetByCodePoints(0, CMDLINE_MAX_CHARS)) + "…";
        }
        return text;
    }
}
