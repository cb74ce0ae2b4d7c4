#!/usr/bin/python3
"""Trains the benchmark CNN on Fashion-MNIST in PyTorch with the recipe of `lanes train --layers`, and reports like it.

Same as `lanes train --data DIR --layers conv:16:5:relu,maxpool:2,conv:32:5:relu,maxpool:2,dense:10 --optimizer
momentum --lr 0.05 --epochs 2 --batch 128 --seed S`: Conv2d(1,16,5)-ReLU-MaxPool2d(2)-Conv2d(16,32,5)-ReLU-
MaxPool2d(2)-Flatten-Linear(512,10) with PyTorch's default initialisation (as the benchmark's recipe asks; lanes uses
He/Xavier from the fan-in and fan-out), softmax cross-entropy averaged over the batch, the training set reshuffled
every epoch and cut into batches of B (the last one shorter), one optimizer step per batch, the test accuracy
after every epoch. Images are float32 byte / 255 in NCHW, PyTorch's own layout.

Timed as train_fashion.py times it: each epoch's training loop only (batch gather, forward, loss, backward, step).

Threads: --threads sets PyTorch's intra-op threads; OpenBLAS (if PyTorch's convolutions go through it) takes its
own from OPENBLAS_NUM_THREADS. Run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (bench/compare-pytorch-cnn.sh
does).

Last lines, machine-readable like lanes': test_accuracy=0.8712 and epoch_seconds_median=7.012.
"""

import argparse
import statistics

import torch
from torch import nn

import fashion_common
from train_fashion import OPTIMIZERS, optimizer


def cnn(classes):
    """The benchmark network, PyTorch default initialisation."""
    return nn.Sequential(
        nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 4 * 4, classes))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist", help="directory of the 4 IDX files")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--optimizer", choices=OPTIMIZERS, default="momentum")
    p.add_argument("--seed", type=int, default=1, help="seed of the weights and the shuffles")
    p.add_argument("--threads", type=int, default=1, help="PyTorch intra-op threads (OpenBLAS: OPENBLAS_NUM_THREADS)")
    a = p.parse_args()
    if a.epochs < 1 or a.batch < 1 or a.threads < 1 or not a.lr > 0:
        p.error("--epochs, --batch and --threads must be >= 1 and --lr > 0")

    fashion_common.set_threads(a.threads)
    torch.manual_seed(a.seed)
    x_train, y_train, x_test, y_test = fashion_common.load(a.data)
    x_train = x_train.reshape(-1, 1, 28, 28).contiguous()
    x_test = x_test.reshape(-1, 1, 28, 28).contiguous()
    classes = int(y_train.max()) + 1
    model = cnn(classes)
    opt = optimizer(a.optimizer, model.parameters(), a.lr)
    loss_fn = nn.CrossEntropyLoss()
    shuffles = torch.Generator().manual_seed(a.seed)

    print("runtime: " + fashion_common.describe_runtime() + f", mkldnn {torch.backends.mkldnn.is_available()}")
    print(f"data:    {a.data}: {len(y_train)} training, {len(y_test)} test examples, {classes} classes")
    print(f"network: 1x28x28 → conv 16x5x5 relu → maxpool 2 → conv 32x5x5 relu → maxpool 2 → {classes}, "
          f"{sum(t.numel() for t in model.parameters()):,} parameters")
    print(f"train:   {a.optimizer}, lr {a.lr}, batch {a.batch}, {a.epochs} epochs, seed {a.seed}")

    test_accuracy, seconds = fashion_common.train(model, opt, loss_fn, (x_train, y_train), (x_test, y_test),
                                                  a.epochs, a.batch, shuffles)

    print(f"test_accuracy={test_accuracy:.4f}")
    print(f"epoch_seconds_median={statistics.median(seconds):.3f}")


if __name__ == "__main__":
    main()
