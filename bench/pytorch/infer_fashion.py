#!/usr/bin/python3
"""Inference speed of the lanes MLP (784-256-128-10, ReLU, softmax) in PyTorch: batch-1000 throughput and batch-1
latency, as lanes' NnInferenceBench measures Network.predict.

Each call maps a batch of Fashion-MNIST test images to class probabilities (softmax included, as predict returns
probabilities). Three ways of running the model, each timed, the best one reported:
  eager      the nn.Sequential under torch.inference_mode
  script     torch.jit.script + torch.jit.freeze (no Python per layer)
  optimized  torch.jit.optimize_for_inference of the frozen script (may route Linear through oneDNN)
Timing: warm-up, then --rounds rounds of about --round-seconds each; a score is the median round's mean time per
call. Threads: --threads for PyTorch's intra-op pool, OPENBLAS_NUM_THREADS for OpenBLAS (keep both at 1 to compare
with lanes at 1 thread). Weights are the untrained initial ones: the arithmetic does not depend on them.

Last lines, machine-readable: batch1000_images_per_second=N, batch1_microseconds=T (the best mode of each).
"""

import argparse
import statistics
import time

import torch
from torch import nn

import fashion_common


class Probabilities(nn.Module):
    """The model followed by a softmax over the classes: what lanes' Network.predict returns."""

    def __init__(self, logits):
        super().__init__()
        self.logits = logits

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


def variants(model):
    yield "eager", Probabilities(model).eval()
    scripted = torch.jit.freeze(torch.jit.script(Probabilities(model).eval()))
    yield "script", scripted
    try:
        yield "optimized", torch.jit.optimize_for_inference(torch.jit.script(Probabilities(model).eval()))
    except Exception as e:  # noqa: BLE001 - report and carry on: optional in this PyTorch build
        print(f"optimized: not available ({type(e).__name__}: {e})")


def seconds_per_call(f, x, rounds, round_seconds):
    """Median over rounds of the mean seconds per call of f(x), after a warm-up of about one round."""
    with torch.inference_mode():
        done, batch = 0, 1
        start = time.perf_counter()
        while time.perf_counter() - start < round_seconds:  # warm-up, and the calls that fill a round
            for _ in range(batch):
                f(x)
            done += batch
            batch *= 2
        per_round = max(1, int(round_seconds / ((time.perf_counter() - start) / done)))
        means = []
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(per_round):
                f(x)
            means.append((time.perf_counter() - start) / per_round)
    return statistics.median(means)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist", help="directory of the 4 IDX files")
    p.add_argument("--hidden", default="256,128")
    p.add_argument("--threads", type=int, default=1, help="PyTorch intra-op threads")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--round-seconds", type=float, default=0.5)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()

    fashion_common.set_threads(a.threads)
    torch.manual_seed(a.seed)
    _, y_train, x_test, _ = fashion_common.load(a.data)
    hidden = [int(h) for h in a.hidden.split(",")]
    model = fashion_common.network(x_test.shape[1], hidden, int(y_train.max()) + 1).eval()
    print("runtime: " + fashion_common.describe_runtime())

    batch1000 = x_test[:1000].contiguous()
    batch1 = x_test[:1].contiguous()
    best_throughput = 0.0
    best_latency = float("inf")
    for name, f in variants(model):
        with torch.inference_mode():
            reference = Probabilities(model).eval()(batch1000)
            if not torch.allclose(f(batch1000), reference, atol=1e-5):
                raise SystemExit(f"{name}: outputs differ from the eager model's")
        throughput = 1000 / seconds_per_call(f, batch1000, a.rounds, a.round_seconds)
        latency = seconds_per_call(f, batch1, a.rounds, a.round_seconds) * 1e6
        print(f"{name:10s} batch-1000 {throughput:12,.0f} images/s   batch-1 {latency:8.1f} µs", flush=True)
        best_throughput = max(best_throughput, throughput)
        best_latency = min(best_latency, latency)

    print(f"batch1000_images_per_second={best_throughput:.0f}")
    print(f"batch1_microseconds={best_latency:.2f}")


if __name__ == "__main__":
    main()
