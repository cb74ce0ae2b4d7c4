package dev.lanes.kernels.simd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data caches of the CPU the JVM runs on, as the GEMM's blocking needs them: per level, size, associativity,
 * line size and how many logical CPUs share it. Read once from Linux sysfs
 * ({@code /sys/devices/system/cpu/cpu0/cache/index*}); where that is missing or unreadable (other systems, a
 * container hiding it), each missing level falls back to a common, small configuration, so the blocking derived
 * from it is safe (it under-fills a larger cache rather than over-filling a smaller one).
 *
 * @param l1     the level-1 data cache
 * @param l2     the level-2 cache
 * @param l3     the last-level cache
 * @param source where the figures came from: {@code "sysfs"}, {@code "defaults"} or a mix
 */
record CacheHierarchy(Cache l1, Cache l2, Cache l3, String source) {

    /**
     * One cache level.
     *
     * @param bytes    capacity
     * @param ways     associativity (lines per set)
     * @param line     line size in bytes
     * @param sharedBy logical CPUs sharing it (1 for a private cache)
     */
    record Cache(long bytes, int ways, int line, int sharedBy) {

        /** Bytes of one way: sets x line size. */
        long wayBytes() {
            return bytes / ways;
        }

        @Override
        public String toString() {
            String size = bytes % (1 << 20) == 0 ? bytes / (1 << 20) + "M" : bytes / 1024 + "K";
            return size + "/" + ways + "-way" + (sharedBy > 1 ? "/" + sharedBy + " CPUs" : "");
        }
    }

    /** 32 KiB 8-way L1d, 512 KiB 8-way L2, 8 MiB 16-way L3 shared by 4: at or below most x86 and ARM servers. */
    static final Cache DEFAULT_L1 = new Cache(32 << 10, 8, 64, 1);
    static final Cache DEFAULT_L2 = new Cache(512 << 10, 8, 64, 1);
    static final Cache DEFAULT_L3 = new Cache(8 << 20, 16, 64, 4);

    private static final Path SYSFS = Path.of("/sys/devices/system/cpu/cpu0/cache");

    /** This machine's caches. */
    static CacheHierarchy detect() {
        return fromSysfs(SYSFS);
    }

    /** The caches described under {@code dir} (a sysfs {@code cache} directory), defaults for what is missing. */
    static CacheHierarchy fromSysfs(Path dir) {
        Cache l1 = null;
        Cache l2 = null;
        Cache l3 = null;
        for (int index = 0; index < 16; index++) {
            Path entry = dir.resolve("index" + index);
            if (!Files.isDirectory(entry)) {
                continue;
            }
            try {
                String type = read(entry, "type");
                if (type.equalsIgnoreCase("Instruction")) {
                    continue;
                }
                int level = Integer.parseInt(read(entry, "level"));
                Cache cache = new Cache(bytes(read(entry, "size")), Integer.parseInt(read(entry, "ways_of_associativity")),
                        Integer.parseInt(read(entry, "coherency_line_size")), cpus(read(entry, "shared_cpu_list")));
                if (cache.bytes() <= 0 || cache.ways() <= 0 || cache.line() <= 0 || cache.bytes() % cache.ways() != 0) {
                    continue;
                }
                switch (level) {
                    case 1 -> l1 = cache;
                    case 2 -> l2 = cache;
                    default -> l3 = level >= 3 && (l3 == null || cache.bytes() > l3.bytes()) ? cache : l3;
                }
            } catch (IOException | RuntimeException e) {
                // An unreadable or odd entry: that level takes its default.
            }
        }
        int found = (l1 != null ? 1 : 0) + (l2 != null ? 1 : 0) + (l3 != null ? 1 : 0);
        String source = found == 3 ? "sysfs" : found == 0 ? "defaults" : "sysfs + defaults";
        return new CacheHierarchy(l1 != null ? l1 : DEFAULT_L1, l2 != null ? l2 : DEFAULT_L2,
                l3 != null ? l3 : DEFAULT_L3, source);
    }

    private static String read(Path entry, String name) throws IOException {
        return Files.readString(entry.resolve(name)).trim();
    }

    /** "48K", "1024K", "32M" or a plain byte count. */
    static long bytes(String size) {
        String s = size.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("K")) {
            unit = 1L << 10;
        } else if (s.endsWith("M")) {
            unit = 1L << 20;
        } else if (s.endsWith("G")) {
            unit = 1L << 30;
        }
        if (unit != 1) {
            s = s.substring(0, s.length() - 1);
        }
        return Long.parseLong(s) * unit;
    }

    /** The number of CPUs in a list such as "0-3,8-11" or "5". */
    static int cpus(String list) {
        int count = 0;
        for (String part : list.trim().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            count += dash < 0 ? 1 : Integer.parseInt(part.substring(dash + 1)) - Integer.parseInt(part.substring(0, dash)) + 1;
        }
        return Math.max(1, count);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("L1d " + l1);
        parts.add("L2 " + l2);
        parts.add("L3 " + l3);
        return String.join(", ", parts) + " (" + source + ")";
    }
}
