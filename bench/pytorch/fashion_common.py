"""What the PyTorch comparison scripts share: the IDX reader, the lanes network in PyTorch, the timed training
loop, and what the native BLAS under PyTorch says about itself.

The network is the one `lanes train --hidden 256,128 --activation relu` builds: Linear layers with ReLU between
them and a softmax cross-entropy output (PyTorch folds the softmax into CrossEntropyLoss, lanes into its loss
kernel), weights drawn like lanes' defaults (Initializer.defaultFor): He normal, std sqrt(2 / fan_in), for the
ReLU layers; Xavier normal, std sqrt(2 / (fan_in + fan_out)), for the softmax layer; biases zero.
"""

import ctypes
import gzip
import os
import sys
import time

import numpy as np
import torch
from torch import nn

STANDARD_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                  "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


def read_idx(path):
    """An IDX file (raw or .gz) as a numpy array of its unsigned bytes, in its own shape."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        sys.exit(f"{path}: not an IDX file of unsigned bytes (magic {data[:4].hex()})")
    rank = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def find_file(directory, name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(directory, candidate)
        if os.path.isfile(path):
            return path
    sys.exit(f"{directory}: no {name} or {name}.gz (Fashion-MNIST on Debian: apt-get install dataset-fashion-mnist)")


def load(directory):
    """(x_train, y_train, x_test, y_test): pixels as float32 byte / 255 in rows of 784, labels as int64."""
    arrays = [read_idx(find_file(directory, name)) for name in STANDARD_FILES]
    x_train, y_train, x_test, y_test = arrays

    def features(images):
        return torch.from_numpy(images.reshape(images.shape[0], -1).astype(np.float32) / np.float32(255))

    def labels(values):
        return torch.from_numpy(values.astype(np.int64))

    return features(x_train), labels(y_train), features(x_test), labels(y_test)


def network(inputs, hidden, classes):
    """The lanes MLP: Linear + ReLU per hidden size, then a Linear of `classes` logits; lanes' initialisation."""
    layers = []
    fan_in = inputs
    for units in hidden:
        linear = nn.Linear(fan_in, units)
        nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
        nn.init.zeros_(linear.bias)
        layers += [linear, nn.ReLU()]
        fan_in = units
    output = nn.Linear(fan_in, classes)
    nn.init.xavier_normal_(output.weight)
    nn.init.zeros_(output.bias)
    layers.append(output)
    return nn.Sequential(*layers)


def openblas_info():
    """The OpenBLAS that PyTorch calls: config, core (kernel set) and thread count, or None if it isn't one.

    libtorch_cpu links libblas.so.3, which on Debian is an alternative pointing at OpenBLAS's BLAS interface
    (a thin library over libopenblas.so.0); dlopen of an already loaded library returns that same instance.
    """
    for name in ("libopenblas.so.0", "libblas.so.3"):
        try:
            lib = ctypes.CDLL(name)
            corename = lib.openblas_get_corename
        except (OSError, AttributeError):
            continue
        corename.restype = ctypes.c_char_p
        lib.openblas_get_config.restype = ctypes.c_char_p
        return {
            "library": name,
            "config": lib.openblas_get_config().decode(),
            "core": corename().decode(),
            "threads": lib.openblas_get_num_threads(),
        }
    return None


def describe_runtime():
    """One line: PyTorch version, its threads, the BLAS and its core, and the CPU capability PyTorch uses."""
    blas = openblas_info()
    blas_text = (f"OpenBLAS core {blas['core']}, {blas['threads']} thread(s) ({blas['config'].strip()})"
                 if blas else "BLAS is not OpenBLAS")
    capability = "unknown"
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage" in line:
            capability = line.split(":", 1)[1].strip()
    return (f"PyTorch {torch.__version__}, {torch.get_num_threads()} intra-op thread(s), {blas_text}, "
            f"PyTorch's own kernels: {capability}; "
            f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")


def set_threads(threads):
    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass  # already set: only possible before the first parallel work


def accuracy(model, x, y, chunk=1000):
    """The fraction of examples whose largest output is their label, in chunks of `chunk` examples."""
    right = 0
    with torch.inference_mode():
        for first in range(0, len(y), chunk):
            right += (model(x[first:first + chunk]).argmax(dim=1) == y[first:first + chunk]).sum().item()
    return right / len(y)


def train(model, opt, loss_fn, train_set, test_set, epochs, batch, shuffles):
    """The loop every comparison times, as lanes' Trainer runs it: each epoch a fresh shuffle from `shuffles`,
    mini-batches gathered by index, one optimizer step per batch; only the batches are timed, then the test set
    is scored. Prints one line per epoch; returns the last test accuracy and each epoch's seconds."""
    (x_train, y_train), (x_test, y_test) = train_set, test_set
    n = len(y_train)
    seconds = []
    test_accuracy = float("nan")
    for epoch in range(1, epochs + 1):
        order = torch.randperm(n, generator=shuffles)
        model.train()
        start = time.perf_counter()
        for first in range(0, n, batch):
            rows = order[first:first + batch]
            x = torch.index_select(x_train, 0, rows)
            y = torch.index_select(y_train, 0, rows)
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
        seconds.append(time.perf_counter() - start)
        model.eval()
        test_accuracy = accuracy(model, x_test, y_test)
        print(f"epoch {epoch:3d}  train loss {loss.item():.4f} (last batch)  test acc {test_accuracy:.4f}  "
              f"{seconds[-1]:.2f} s", flush=True)
    return test_accuracy, seconds
