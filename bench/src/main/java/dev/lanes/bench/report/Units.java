package dev.lanes.bench.report;

/** JMH's score units, e.g. "us/op" and "ops/s". */
final class Units {

    private Units() {
    }

    /** Seconds per operation from a score in an average-time ("us/op") or throughput ("ops/ms") unit. */
    static double secondsPerOp(double score, String unit) {
        if (unit.endsWith("/op")) {
            return score * seconds(unit.substring(0, unit.length() - 3));
        }
        if (unit.startsWith("ops/")) {
            return 1 / opsPerSecond(score, unit);
        }
        throw new IllegalArgumentException("unknown JMH score unit " + unit);
    }

    /** Operations per second from a throughput score, e.g. 2000 for 2 "ops/ms". */
    static double opsPerSecond(double score, String unit) {
        if (!unit.startsWith("ops/")) {
            throw new IllegalArgumentException("not a throughput unit: " + unit);
        }
        return score / seconds(unit.substring(4));
    }

    private static double seconds(String timeUnit) {
        return switch (timeUnit) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default -> throw new IllegalArgumentException("unknown JMH time unit " + timeUnit);
        };
    }
}
