#!/usr/bin/env python3
"""Tables of the issue-3 kernel suite from the JMH JSON that bench/run-kernels.sh writes.

Usage: bench/kernels-report.py [bench/results/kernels/kernels.json] > table.md

Each SIMD kernel next to its scalar reference (speed-up = scalar time / SIMD time) and, for the kernels that
only stream memory, in GB/s next to the STREAM-like copy and triad of the same run and array size. Bytes per
element are those the benchmark classes document (bench/src/main/java/dev/lanes/bench/kernels/).
"""
import json
import sys

# Bytes per element a call moves, for the kernels whose speed is the memory's.
STREAMING_BYTES = {
    "VectorsBenchmark.axpy": 12, "VectorsBenchmark.scale": 8, "VectorsBenchmark.dot": 8,
    "VectorsBenchmark.sumOfSquares": 4, "VectorsBenchmark.clip": 8, "VectorsBenchmark.columnSums": 4,
    "OptimizersBenchmark.sgd": 12, "OptimizersBenchmark.momentum": 20, "OptimizersBenchmark.adam": 28,
    "StreamBenchmark.copy": 8, "StreamBenchmark.triad": 12,
}
SUFFIXES = ("Simd", "Scalar", "Vector", "Loop", "MathLoop")


def load(path):
    with open(path) as f:
        runs = json.load(f)
    results = {}
    for run in runs:
        name = run["benchmark"].rsplit(".", 2)
        key = (name[1], name[2], tuple(sorted(run.get("params", {}).items())))
        results[key] = (run["primaryMetric"]["score"], run["primaryMetric"]["scoreError"])
    return results


def split(method):
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if method.endswith(suffix):
            return method[: -len(suffix)], suffix
    return method, ""


def fmt(x, digits=1):
    return f"{x:,.{digits}f}"


def main():
    results = load(sys.argv[1] if len(sys.argv) > 1 else "bench/results/kernels/kernels.json")
    stream = {}
    for (cls, method, params), (score, _) in results.items():
        if cls == "StreamBenchmark":
            size = int(dict(params)["size"])
            stream[(method, size)] = STREAMING_BYTES["StreamBenchmark." + split(method)[0]] * size / score / 1e3

    print("| kernel | params | SIMD µs | scalar µs | speed-up | SIMD GB/s | % of triad (same size) |")
    print("|---|---|---|---|---|---|---|")
    rows = {}
    for (cls, method, params), value in results.items():
        if cls in ("StreamBenchmark", "FusedGemmBenchmark", "ActivationBenchmark"):
            continue
        op, impl = split(method)
        rows.setdefault((cls, op, params), {})[impl] = value
    for (cls, op, params), impls in sorted(rows.items(), key=lambda r: (r[0][0], r[0][1], str(r[0][2]))):
        simd, scalar = impls.get("Simd"), impls.get("Scalar")
        if simd is None:
            continue
        p = dict(params)
        label = ", ".join(f"{k}={v}" for k, v in sorted(p.items()))
        bytes_per = STREAMING_BYTES.get(f"{cls}.{op}")
        gbs = pct = ""
        if bytes_per and "size" in p:
            size = int(p["size"])
            rate = bytes_per * size / simd[0] / 1e3
            gbs = fmt(rate)
            triad = max(stream.get(("triadVector", size), 0), stream.get(("triadLoop", size), 0))
            pct = f"{100 * rate / triad:.0f} %" if triad else ""
        speedup = f"{scalar[0] / simd[0]:.1f}x" if scalar else ""
        print(f"| {cls.replace('Benchmark', '')}.{op} | {label} | {fmt(simd[0], 2)} | "
              f"{fmt(scalar[0], 2) if scalar else ''} | {speedup} | {gbs} | {pct} |")

    print()
    print("| activation | size | forward SIMD µs | scalar reference µs | Math loop µs | SIMD vs scalar | "
          "SIMD vs Math loop | derivative SIMD µs (incl. copy) | derivative scalar µs | copy alone µs |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    acts = {}
    for (cls, method, params), value in results.items():
        if cls == "ActivationBenchmark":
            p = dict(params)
            acts.setdefault((p["activation"], int(p["size"])), {})[method] = value[0]
    for (act, size), m in sorted(acts.items()):
        fs, fr = m.get("forwardSimd"), m.get("forwardScalar")
        # forwardMathLoop is Math.exp / Math.tanh for sigmoid / tanh and Math.max for ReLU: others have none.
        ml = m.get("forwardMathLoop") if act in ("sigmoid", "tanh", "relu") else None
        print(f"| {act} | {size:,} | {fmt(fs, 2)} | {fmt(fr, 2)} | {fmt(ml, 2) if ml else ''} | "
              f"{fr / fs:.1f}x | {f'{ml / fs:.1f}x' if ml else ''} | {fmt(m.get('derivativeSimd', 0), 2)} | "
              f"{fmt(m.get('derivativeScalar', 0), 2)} | {fmt(m.get('copyOnly', 0), 2)} |")

    print()
    print("| layer (batch x in x out) | fused µs | plain sgemm µs | unfused SIMD µs | unfused loop µs | "
          "fused vs plain | unfused SIMD / fused | unfused loop / fused | fused GFLOP/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    fused = {}
    for (cls, method, params), value in results.items():
        if cls == "FusedGemmBenchmark":
            fused.setdefault(dict(params)["shape"], {})[method] = value[0]
    for shape, m in sorted(fused.items(), key=lambda s: -int(s[0].split("x")[1])):
        batch, n_in, n_out = (int(v) for v in shape.split("x"))
        f, p, us, ul = m["fused"], m["plain"], m["unfusedSimd"], m["unfusedLoop"]
        print(f"| {shape} | {fmt(f, 2)} | {fmt(p, 2)} | {fmt(us, 2)} | {fmt(ul, 2)} | {100 * (f / p - 1):+.1f} % | "
              f"{us / f:.2f}x | {ul / f:.2f}x | {2 * batch * n_in * n_out / f / 1e3:.0f} |")

    print()
    print("| STREAM-like, 1 thread | size | GB/s |")
    print("|---|---|---|")
    for (method, size), rate in sorted(stream.items(), key=lambda s: (s[0][1], s[0][0])):
        print(f"| {method} | {size:,} | {fmt(rate)} |")


if __name__ == "__main__":
    main()
