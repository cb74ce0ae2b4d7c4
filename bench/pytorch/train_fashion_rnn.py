#!/usr/bin/python3
"""Trains a sequence classifier on Fashion-MNIST read row by row, in PyTorch, and reports like `lanes train`.

Same recipe as `lanes train --data DIR --sequence rows --layers lstm:128,dense:10 --optimizer adam --lr 0.001
--epochs 2 --batch 128`: each image is 28 steps of 28 pixels (byte / 255), nn.LSTM(28, 128, batch_first=True)
(or nn.GRU with --cell gru) and a Linear(128, 10) on the last step's hidden state, softmax cross-entropy averaged
over the batch, Adam (β 0.9, 0.999, ε 1e-8, foreach), the training set reshuffled every epoch. PyTorch's own
initialisation (U(±1/√H) for every weight and bias); lanes starts W_hh orthogonal and an LSTM's forget bias at 1
(Keras' defaults), so the accuracies after 2 epochs may differ by a point or so in either direction.

Timed: each epoch's training loop only (batch gather, forward, loss, backward, step), as lanes times it.
--latency also measures batch-1 inference (one 28-step sequence, probabilities) under torch.inference_mode: the
median of 5 rounds of 2000 calls after 500 warm-up calls, in eager mode and TorchScript (the faster is printed as
batch1_microseconds=).

Last lines, machine-readable like lanes': test_accuracy=0.8612 and epoch_seconds_median=13.9.
"""

import argparse
import statistics
import time

import torch
from torch import nn

import fashion_common


class SequenceClassifier(nn.Module):
    """LSTM or GRU over the rows, a Linear layer on the last hidden state."""

    def __init__(self, cell, features, units, classes):
        super().__init__()
        kind = nn.LSTM if cell == "lstm" else nn.GRU
        self.recurrent = kind(features, units, batch_first=True)
        self.linear = nn.Linear(units, classes)

    def forward(self, x):
        out, _ = self.recurrent(x)
        return self.linear(out[:, -1, :])


def latency_microseconds(model, example):
    """Median over rounds of the mean batch-1 call time, in µs."""
    rounds = []
    with torch.inference_mode():
        for _ in range(500):
            torch.softmax(model(example), dim=1)
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(2000):
                torch.softmax(model(example), dim=1)
            rounds.append((time.perf_counter() - start) / 2000 * 1e6)
    return statistics.median(rounds)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist", help="directory of the 4 IDX files")
    p.add_argument("--cell", choices=("lstm", "gru"), default="lstm")
    p.add_argument("--units", type=int, default=128)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.001)
    p.add_argument("--seed", type=int, default=1, help="seed of the weights and the shuffles")
    p.add_argument("--threads", type=int, default=1, help="PyTorch intra-op threads (OpenBLAS: OPENBLAS_NUM_THREADS)")
    p.add_argument("--latency", action="store_true", help="also measure batch-1 inference latency")
    a = p.parse_args()
    if a.epochs < 0 or a.batch < 1 or a.threads < 1 or a.units < 1 or not a.lr > 0:
        p.error("--epochs must be >= 0, --batch, --threads and --units >= 1, and --lr > 0")

    fashion_common.set_threads(a.threads)
    torch.manual_seed(a.seed)
    x_train, y_train, x_test, y_test = fashion_common.load(a.data)
    side = int(round(x_train.shape[1] ** 0.5))
    x_train = x_train.reshape(-1, side, side).contiguous()
    x_test = x_test.reshape(-1, side, side).contiguous()
    classes = int(y_train.max()) + 1
    model = SequenceClassifier(a.cell, side, a.units, classes)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr, betas=(0.9, 0.999), eps=1e-8, foreach=True)
    loss_fn = nn.CrossEntropyLoss()
    shuffles = torch.Generator().manual_seed(a.seed)

    print("runtime: " + fashion_common.describe_runtime())
    print(f"data:    {a.data}: {len(y_train)} training, {len(y_test)} test sequences of {side} rows x {side}")
    print(f"network: {a.cell} {a.units} (last step) → {classes} softmax, "
          f"{sum(t.numel() for t in model.parameters()):,} parameters")
    print(f"train:   adam, lr {a.lr}, batch {a.batch}, {a.epochs} epochs, seed {a.seed}")

    test_accuracy, seconds = fashion_common.train(model, opt, loss_fn, (x_train, y_train), (x_test, y_test),
                                                  a.epochs, a.batch, shuffles)

    if a.latency:
        model.eval()
        example = x_test[:1].clone()
        eager = latency_microseconds(model, example)
        with torch.inference_mode():
            scripted = torch.jit.trace(model, example)
        script = latency_microseconds(scripted, example)
        print(f"eager      {eager:.1f} µs per sequence")
        print(f"script     {script:.1f} µs per sequence")
        print(f"batch1_microseconds={min(eager, script):.1f}")
    if a.epochs > 0:
        print(f"test_accuracy={test_accuracy:.4f}")
        print(f"epoch_seconds_median={statistics.median(seconds):.3f}")


if __name__ == "__main__":
    main()
