package dev.ktstr.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.spi.RunLock.Holder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /proc/locks and mountinfo parsing, holder formatting, and cmdline reading of real processes. */
class LockHoldersTest {
    private static final String PROC_LOCKS = String.join("\n",
            "1: FLOCK  ADVISORY  WRITE 4242 08:02:131 0 EOF",
            "1: -> FLOCK  ADVISORY  WRITE 5151 08:02:131 0 EOF",
            "2: POSIX  ADVISORY  WRITE 6161 08:02:131 0 EOF",
            "3: OFDLCK ADVISORY  READ  -1 08:02:131 0 EOF",
            "4: FLOCK  ADVISORY  READ  7171 08:02:131 0 EOF",
            "5: FLOCK  ADVISORY  READ  4242 08:02:131 0 EOF",
            "6: FLOCK  ADVISORY  WRITE 8181 08:02:1310 0 EOF",
            "7: FLOCK  ADVISORY  WRITE 9191 00:2a:131 0 EOF",
            "8: FLOCK  ADVISORY  WRITE notapid 08:02:131 0 EOF",
            "garbage",
            "");

    @Test
    void keepsOnlyFlockHoldersOfTheExactFileInOrderWithoutDuplicates() {
        assertEquals(List.of(4242L, 7171L), LockHolders.flockPids(PROC_LOCKS, "08:02:131"));
        assertEquals(List.of(9191L), LockHolders.flockPids(PROC_LOCKS, "00:2a:131"));
        assertEquals(List.of(), LockHolders.flockPids(PROC_LOCKS, "08:02:13"));
    }

    @Test
    void formatsHoldersAsUpstreamDoes() {
        assertEquals("<none recorded>", LockHolders.format(List.of()));
        assertEquals("  pid=1 cmd=a b\n  pid=22 cmd=<cmdline unavailable>",
                LockHolders.format(List.of(new Holder(1, "a b"), new Holder(22, "<cmdline unavailable>"))));
    }

    @Test
    void mountPointIsTheLongestComponentPrefix() {
        String mountinfo = String.join("\n",
                "22 1 8:2 / / rw,relatime - ext4 /dev/sda2 rw",
                "30 22 0:42 / /tmp rw - tmpfs tmpfs rw",
                "31 22 0:43 / /tmpfoo rw - tmpfs tmpfs rw",
                "32 22 259:7 / /mnt/with\\040space rw - xfs /dev/x rw",
                "33 22 bad / /mnt/bad rw - xfs /dev/x rw");
        assertArrayEquals(new int[] {0, 42}, LockHolders.mountMajorMinor(mountinfo, "/tmp/a/b.lock").orElseThrow());
        assertArrayEquals(new int[] {0, 43}, LockHolders.mountMajorMinor(mountinfo, "/tmpfoo/x").orElseThrow());
        assertArrayEquals(new int[] {8, 2}, LockHolders.mountMajorMinor(mountinfo, "/tm/x").orElseThrow());
        assertArrayEquals(new int[] {259, 7},
                LockHolders.mountMajorMinor(mountinfo, "/mnt/with space/k.lock").orElseThrow());
        assertArrayEquals(new int[] {8, 2}, LockHolders.mountMajorMinor(mountinfo, "/mnt/bad/k.lock").orElseThrow());
        assertTrue(LockHolders.mountMajorMinor("", "/x").isEmpty());
    }

    @Test
    void decodesOctalEscapesAndKeepsOthersLiterally() {
        assertEquals("a b\tc\\d", LockHolders.unescapeOctal("a\\040b\\011c\\134d"));
        assertEquals("\\400\\x\\12", LockHolders.unescapeOctal("\\400\\x\\12"));
        assertEquals("é", LockHolders.unescapeOctal("\\303\\251"));
    }

    @Test
    void needleUsesTheMountDeviceInHexAndTheDecimalInode(@TempDir Path dir) throws Exception {
        Path f = Files.createFile(dir.resolve("n.lock"));
        String mountinfo = "22 1 259:10 / / rw - ext4 /dev/x rw\n";
        long inode = ((Number) Files.getAttribute(f, "unix:ino")).longValue();
        assertEquals("103:0a:" + inode, LockHolders.needle(f, mountinfo));
    }

    @Test
    void readsACmdlineWithNulsAsSpacesAndCutsItAt100Characters() throws Exception {
        // sleep(1) adds up its arguments: 30 + 60 zeros, a 128-character command line.
        List<String> args = new java.util.ArrayList<>(List.of("sleep", "30"));
        args.addAll(java.util.Collections.nCopies(60, "0"));
        Process p = new ProcessBuilder(args).start();
        try {
            String cmd = waitForCmdline(p.pid());
            assertEquals(("sleep 30" + " 0".repeat(60)).substring(0, 100) + "…", cmd);
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Process q = new ProcessBuilder("sleep", "30").start();
        try {
            assertEquals("sleep 30", waitForCmdline(q.pid()));
        } finally {
            q.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals("<cmdline unavailable>", LockHolders.cmdline(Long.MAX_VALUE));
    }

    private static String waitForCmdline(long pid) throws Exception {
        // Right after fork the child may still show the JVM's command line; wait for the exec.
        for (int i = 0; i < 200; i++) {
            String c = LockHolders.cmdline(pid);
            if (c.startsWith("sleep")) {
                return c;
            }
            Thread.sleep(25);
        }
        return LockHolders.cmdline(pid);
    }
}
