#!/usr/bin/python3
"""Trains the lanes MLP on Fashion-MNIST in PyTorch with the recipe of `lanes train`, and reports like it.

Same as `java -jar nn/target/lanes.jar train --data DIR --hidden 256,128 --activation relu --epochs E --batch B
--lr LR --optimizer OPT --seed S`: the same layers and initialisation family (fashion_common.network), softmax
cross-entropy averaged over the batch, the training set reshuffled every epoch and cut into batches of B (the last
one shorter), one optimizer step per batch, the test accuracy after every epoch.

Timed: each epoch's training loop only (batch gather, forward, loss, backward, step), as lanes times it; the
shuffle and the test evaluation are outside. The loop is PyTorch at its usual best: tensors built once, batches
gathered with index_select, zero_grad(set_to_none=True), evaluation under torch.inference_mode. (lanes' loop
also sums the loss and counts the correct predictions of every batch; this one does not, which can only favour
PyTorch.)

Threads: --threads sets PyTorch's intra-op threads (torch.set_num_threads); OpenBLAS, which does the matrix
products, takes its own from OPENBLAS_NUM_THREADS. Run it with OPENBLAS_CORETYPE unset so that OpenBLAS picks
its kernels for the CPU (bench/compare-pytorch.sh does).

Last lines, machine-readable like lanes': test_accuracy=0.8612 and epoch_seconds_median=0.731.
"""

import argparse
import statistics

import torch
from torch import nn

import fashion_common

OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam")


def optimizer(name, parameters, lr):
    """lanes' Optimizer.named(name, 0): momentum 0.9 (PyTorch semantics), Adam with β (0.9, 0.999), ε 1e-8.

    foreach=True: the multi-tensor implementations, PyTorch's fastest on CPU (Adam's step takes 570 µs instead
    of 835 µs here; SGD's is the same either way).
    """
    if name == "sgd":
        return torch.optim.SGD(parameters, lr=lr, foreach=True)
    if name in ("momentum", "nesterov"):
        return torch.optim.SGD(parameters, lr=lr, momentum=0.9, nesterov=name == "nesterov", foreach=True)
    return torch.optim.Adam(parameters, lr=lr, betas=(0.9, 0.999), eps=1e-8, foreach=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist", help="directory of the 4 IDX files")
    p.add_argument("--hidden", default="256,128", help="hidden layer sizes (default 256,128)")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--optimizer", choices=OPTIMIZERS, default="sgd")
    p.add_argument("--seed", type=int, default=1, help="seed of the weights and the shuffles")
    p.add_argument("--threads", type=int, default=1, help="PyTorch intra-op threads (OpenBLAS: OPENBLAS_NUM_THREADS)")
    a = p.parse_args()
    if a.epochs < 1 or a.batch < 1 or a.threads < 1 or not a.lr > 0:
        p.error("--epochs, --batch and --threads must be >= 1 and --lr > 0")

    fashion_common.set_threads(a.threads)
    torch.manual_seed(a.seed)
    x_train, y_train, x_test, y_test = fashion_common.load(a.data)
    hidden = [int(h) for h in a.hidden.split(",")]
    classes = int(y_train.max()) + 1
    model = fashion_common.network(x_train.shape[1], hidden, classes)
    opt = optimizer(a.optimizer, model.parameters(), a.lr)
    loss_fn = nn.CrossEntropyLoss()
    shuffles = torch.Generator().manual_seed(a.seed)

    print("runtime: " + fashion_common.describe_runtime())
    print(f"data:    {a.data}: {len(y_train)} training, {len(y_test)} test examples, {classes} classes")
    print(f"network: {x_train.shape[1]} → {' → '.join(f'{h} relu' for h in hidden)} → {classes} softmax, "
          f"{sum(t.numel() for t in model.parameters()):,} parameters")
    print(f"train:   {a.optimizer}, lr {a.lr}, batch {a.batch}, {a.epochs} epochs, seed {a.seed}")

    test_accuracy, seconds = fashion_common.train(model, opt, loss_fn, (x_train, y_train), (x_test, y_test),
                                                  a.epochs, a.batch, shuffles)

    print(f"test_accuracy={test_accuracy:.4f}")
    print(f"epoch_seconds_median={statistics.median(seconds):.3f}")


if __name__ == "__main__":
    main()
