#!/usr/bin/python3
"""The PyTorch CPU peer of `optim bench`: the same model, data, batch size and optimizers.

784-784 relu-10 MLP (nn.Linear default initialization), float32, batch 128, lr 1e-3, MNIST scaled
to [0, 1] (no normalization, as optim's default preprocessing), reshuffled every epoch, last partial
batch kept. Adam is torch.optim.Adam; SAM(Adam, rho 0.05) is the two-pass procedure of davda54/sam
(sam.py: first_step perturbs w by rho * g / (||g|| + 1e-12), second_step restores w and applies
the base optimizer with the gradient taken at w + e(w)).

Runs at PyTorch's best CPU setting: torch.set_num_threads(1) while OpenBLAS keeps its own threads,
OPENBLAS_L2_SIZE unset and OPENBLAS_CORETYPE unset unless scripts/openblas_core.py measured a
forced kernel faster (on CPUs newer than the OpenBLAS, which fall back to its generic kernel).
Prints one JSON object with the same keys as `optim bench`; `kernel` names OpenBLAS's kernel.
"""
import argparse
import json
import os
import resource
import statistics
import struct
import sys
import time

import torch
import torch.nn.functional as F

import openblas_core


def cache_dir():
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(root, "optim", "datasets", "mnist")


def read_idx(path, dims):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    if magic != 0x0800 + dims:
        sys.exit(f"{path}: not an unsigned-byte IDX file with {dims} dimensions (magic {magic:#x})")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    payload = data[4 + 4 * dims:]
    return torch.frombuffer(bytearray(payload), dtype=torch.uint8).reshape(shape)


def load(folder):
    def images(name):
        return read_idx(os.path.join(folder, name), 3).reshape(-1, 784).to(torch.float32) / 255.0

    def labels(name):
        return read_idx(os.path.join(folder, name), 1).to(torch.int64)

    return (images("train-images-idx3-ubyte"), labels("train-labels-idx1-ubyte"),
            images("t10k-images-idx3-ubyte"), labels("t10k-labels-idx1-ubyte"))


class SAM:
    """davda54/sam's SAM over a base optimizer, reduced to the two steps used here."""

    def __init__(self, params, base, rho):
        self.params = list(params)
        self.base = base
        self.rho = rho
        self.saved = [None] * len(self.params)

    @torch.no_grad()
    def first_step(self):
        norm = torch.norm(torch.stack([p.grad.norm(p=2) for p in self.params if p.grad is not None]), p=2)
        scale = self.rho / (norm + 1e-12)
        for i, p in enumerate(self.params):
            self.saved[i] = p.data.clone()
            p.add_(p.grad * scale.to(p))

    @torch.no_grad()
    def second_step(self):
        for i, p in enumerate(self.params):
            p.data = self.saved[i]
        self.base.step()

    def zero_grad(self):
        self.base.zero_grad()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--optimizer", default="adam", choices=["adam", "sam"])
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", default=cache_dir(), help="folder with the four MNIST IDX files (optim's cache)")
    args = ap.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    train_x, train_y, test_x, test_y = load(args.dir)
    model = torch.nn.Sequential(torch.nn.Linear(784, 784), torch.nn.ReLU(), torch.nn.Linear(784, 10))
    adam = torch.optim.Adam(model.parameters(), lr=1e-3)
    sam = SAM(model.parameters(), adam, rho=0.05) if args.optimizer == "sam" else None
    n = train_x.shape[0]
    seconds = []
    last = float("nan")
    evals = []

    def evaluate():
        with torch.no_grad():
            start = time.perf_counter()
            logits = model(test_x)
            loss = F.cross_entropy(logits, test_y).item()
            accuracy = (logits.argmax(dim=1) == test_y).float().mean().item()
            evals.append(time.perf_counter() - start)
        return loss, accuracy

    # As optim bench: the initial model evaluated first (epoch 0, reported apart), then the median
    # of twenty evaluations of the trained model.
    evaluate()
    for _ in range(args.epochs):
        start = time.perf_counter()
        order = torch.randperm(n)
        for i in range(0, n, 128):
            idx = order[i:i + 128]
            x, y = train_x[idx], train_y[idx]
            loss = F.cross_entropy(model(x), y)
            adam.zero_grad()
            loss.backward()
            if sam is not None:
                sam.first_step()
                adam.zero_grad()
                F.cross_entropy(model(x), y).backward()
                sam.second_step()
            else:
                adam.step()
            last = loss.item()
        seconds.append(time.perf_counter() - start)
    for _ in range(20):
        loss, accuracy = evaluate()
    print(json.dumps({
        "side": "pytorch",
        "optimizer": args.optimizer,
        "threads": torch.get_num_threads(),
        "kernel": "torch " + torch.__version__ + ", OpenBLAS " + openblas_core.core_name()
                  + " threads " + os.environ.get("OPENBLAS_NUM_THREADS", "default"),
        "epochs": args.epochs,
        "batch": 128,
        "secondsPerEpoch": seconds,
        "secondsPerEpochMedian": statistics.median(seconds),
        "evalSeconds": statistics.median(evals[1:]),
        "firstEvalSeconds": evals[0],
        "evalSecondsEach": evals,
        "lastTrainLoss": last,
        "testLoss": loss,
        "testAccuracy": accuracy,
        "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }))


if __name__ == "__main__":
    main()
