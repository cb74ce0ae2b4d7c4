package dev.lanes.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache reader and the analytical blocking: sysfs parsing, the fallbacks, the model's values worked out by
 * hand for known caches, the constraints it promises on any cache, and the overrides.
 */
@Tag("simd")
class GemmBlockingTest {

    private static final CacheHierarchy.Cache ZEN5_L1 = new CacheHierarchy.Cache(48 << 10, 12, 64, 1);
    private static final CacheHierarchy.Cache ZEN5_L2 = new CacheHierarchy.Cache(1 << 20, 16, 64, 1);
    private static final CacheHierarchy.Cache ZEN5_L3 = new CacheHierarchy.Cache(32 << 20, 16, 64, 2);

    @Test
    void readsSysfsAndSkipsTheInstructionCache(@TempDir Path dir) throws IOException {
        entry(dir, 0, "1", "Data", "48K", "12", "0");
        entry(dir, 1, "1", "Instruction", "32K", "8", "0");
        entry(dir, 2, "2", "Unified", "1024K", "16", "0");
        entry(dir, 3, "3", "Unified", "32768K", "16", "0-1");
        CacheHierarchy caches = CacheHierarchy.fromSysfs(dir);
        assertEquals(new CacheHierarchy(ZEN5_L1, ZEN5_L2, ZEN5_L3, "sysfs"), caches);
        assertEquals("L1d 48K/12-way, L2 1M/16-way, L3 32M/16-way/2 CPUs (sysfs)", caches.toString());
    }

    @Test
    void missingOrBrokenLevelsTakeTheDefaults(@TempDir Path dir) throws IOException {
        assertEquals(new CacheHierarchy(CacheHierarchy.DEFAULT_L1, CacheHierarchy.DEFAULT_L2,
                CacheHierarchy.DEFAULT_L3, "defaults"), CacheHierarchy.fromSysfs(dir.resolve("absent")));
        entry(dir, 0, "1", "Data", "48K", "12", "0");
        entry(dir, 2, "2", "Unified", "lots", "16", "0");
        CacheHierarchy caches = CacheHierarchy.fromSysfs(dir);
        assertEquals(ZEN5_L1, caches.l1());
        assertEquals(CacheHierarchy.DEFAULT_L2, caches.l2());
        assertEquals("sysfs + defaults", caches.source());
    }

    @Test
    void parsesSizesAndCpuLists() {
        assertEquals(48 << 10, CacheHierarchy.bytes("48K"));
        assertEquals(32L << 20, CacheHierarchy.bytes("32M"));
        assertEquals(4096, CacheHierarchy.bytes("4096"));
        assertEquals(8, CacheHierarchy.cpus("0-3,8-11"));
        assertEquals(1, CacheHierarchy.cpus("5"));
    }

    /**
     * Zen 5 (48 KiB 12-way L1d, 1 MiB 16-way L2, 32 MiB 16-way L3 over 2 CPUs), 12 x 32 tile: KC = 256 (A 3 ways +
     * B 8 ways = 11); L2 ways of 64 KiB, 16 - 1 - 1 (B micro-panel) = 14 for MC (KC + NC) floats, MC = 144:
     * NC = 917504 / 576 - 256 = 1336 -> 1312; L3 share ways of 1 MiB, 16 - 1 - 1 (A block) = 14 MiB for KB x NC:
     * 2796 -> 2560.
     */
    @Test
    void zen5TwelveByThirtyTwo() {
        assertEquals(new GemmBlocking.Blocking(256, 144, 1312, 2560),
                GemmBlocking.derive(new CacheHierarchy(ZEN5_L1, ZEN5_L2, ZEN5_L3, "test"), 12, 32));
    }

    @Test
    void keepsTheModelsPromisesOnAnyCache() {
        int[][] tiles = {{12, 32}, {6, 16}, {6, 8}, {12, 8}};
        long[] l1Sizes = {32 << 10, 48 << 10, 64 << 10};
        int[] l1Ways = {8, 12, 16};
        long[] l2Sizes = {256 << 10, 512 << 10, 1 << 20, 2 << 20};
        for (int[] tile : tiles) {
            for (long l1 : l1Sizes) {
                for (int w1 : l1Ways) {
                    for (long l2 : l2Sizes) {
                        CacheHierarchy.Cache c1 = new CacheHierarchy.Cache(l1, w1, 64, 1);
                        CacheHierarchy.Cache c2 = new CacheHierarchy.Cache(l2, 8, 64, 1);
                        CacheHierarchy.Cache c3 = new CacheHierarchy.Cache(16 << 20, 16, 64, 8);
                        GemmBlocking.Blocking b = GemmBlocking.derive(new CacheHierarchy(c1, c2, c3, "test"),
                                tile[0], tile[1]);
                        String where = b + " for " + tile[0] + "x" + tile[1] + " on " + c1 + ", " + c2;
                        long way1 = c1.wayBytes();
                        long aWays = (4L * tile[0] * b.kc() + way1 - 1) / way1;
                        long bWays = (4L * tile[1] * b.kc() + way1 - 1) / way1;
                        assertTrue(b.kc() >= 8 && (aWays + bWays <= w1 - 1 || b.kc() == 8), where);
                        assertEquals(0, b.mc() % tile[0], where);
                        assertEquals(0, b.nc() % tile[1], where);
                        assertEquals(0, b.kb() % b.kc(), where);
                        assertTrue(b.kb() >= b.kc() && b.kb() <= 16 * b.kc(), where);
                        assertTrue(4L * b.mc() * (b.kc() + b.nc()) <= l2 || b.nc() == tile[1], where);
                    }
                }
            }
        }
    }

    @Test
    void overridesRoundToTheirMultiples() {
        // GemmBlocking reads the properties once, when it initialises: make sure that happens before they are set
        // here, or every later GEMM test in this JVM would run with them.
        assertTrue(GemmBlocking.KC > 0);
        try {
            System.setProperty("lanes.gemm.kc", "100");
            System.setProperty("lanes.gemm.kb", "250");
            System.setProperty("lanes.gemm.mc", "1");
            System.setProperty("lanes.gemm.nc", "33");
            GemmBlocking.Blocking b = new GemmBlocking.Blocking(256, 144, 1312, 2560).withOverrides();
            assertEquals(100, b.kc());
            assertEquals(300, b.kb());
            assertEquals(MicroKernel.MR, b.mc());
            assertEquals(GemmBlocking.roundUp(33, MicroKernel.NR), b.nc());
        } finally {
            System.clearProperty("lanes.gemm.kc");
            System.clearProperty("lanes.gemm.kb");
            System.clearProperty("lanes.gemm.mc");
            System.clearProperty("lanes.gemm.nc");
        }
    }

    @Test
    void describesTheBlockingInOneLine() {
        String line = GemmBlocking.describe();
        assertTrue(line.startsWith("GEMM " + MicroKernel.MR + "x" + MicroKernel.NR + " tile, KC " + GemmBlocking.KC),
                line);
        assertTrue(!line.contains("\n") && line.contains(GemmBlocking.CACHES.toString()), line);
    }

    private static void entry(Path dir, int index, String level, String type, String size, String ways,
                              String shared) throws IOException {
        Path e = Files.createDirectories(dir.resolve("index" + index));
        Files.writeString(e.resolve("level"), level + "\n");
        Files.writeString(e.resolve("type"), type + "\n");
        Files.writeString(e.resolve("size"), size + "\n");
        Files.writeString(e.resolve("ways_of_associativity"), ways + "\n");
        Files.writeString(e.resolve("coherency_line_size"), "64\n");
        Files.writeString(e.resolve("shared_cpu_list"), shared + "\n");
    }
}
