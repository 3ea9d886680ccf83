#!/usr/bin/python3
"""Picks the OpenBLAS kernel the PyTorch peer runs fastest with on this machine.

OpenBLAS chooses its kernel by the CPU model. A model newer than the library falls back to the
generic `Prescott` kernel (SSE3): Debian 12's OpenBLAS 0.3.21 does so on Intel Xeon model 207
(Emerald Rapids), where the peer's products then run 4x slower than with the AVX-512 kernels the
CPU supports. Forcing a kernel where detection works can be slower too (on AMD Zen 5 forcing one
chose an AVX2 kernel: 1.5-2x slower). So each candidate is measured: a child process per
`OPENBLAS_CORETYPE` (the empty one lets OpenBLAS detect) times the peer's three products of a
training step (batch 128, 784 x 784, float32, torch at 1 thread, OpenBLAS at its own threads).

Prints one line per candidate on stderr and the fastest on stdout (an empty line for OpenBLAS's
own choice), for `OPENBLAS_CORETYPE`.
"""
import ctypes
import os
import subprocess
import sys
import time

CANDIDATES = ["", "SapphireRapids", "Cooperlake", "SkylakeX", "Zen", "Haswell"]


def core_name():
    """The kernel OpenBLAS runs with in this process (torch loads the same library)."""
    library = ctypes.CDLL("libopenblas.so.0")
    library.openblas_get_corename.restype = ctypes.c_char_p
    return library.openblas_get_corename().decode()


def measure():
    """Microseconds (25th percentile of 200 calls) of X W^T, X W and W^T X^T, summed."""
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(0)
    x, w = torch.rand(128, 784), torch.randn(784, 784) * 0.05
    total = 0.0
    for product in (lambda: x @ w.t(), lambda: x @ w, lambda: w.t() @ x.t()):
        for _ in range(30):
            product()
        times = []
        for _ in range(200):
            start = time.perf_counter()
            product()
            times.append(time.perf_counter() - start)
        total += sorted(times)[len(times) // 4] * 1e6
    print(f"{total:.0f} {core_name()}")


def main():
    if sys.argv[1:] == ["--measure"]:
        measure()
        return
    results = []
    for candidate in CANDIDATES:
        # The peer's environment (bench-vs-pytorch.sh): no OPENBLAS_* variable, no OMP_NUM_THREADS.
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("OPENBLAS_") and k != "OMP_NUM_THREADS"}
        if candidate:
            env["OPENBLAS_CORETYPE"] = candidate
        run = subprocess.run([sys.executable, __file__, "--measure"], env=env,
                             capture_output=True, text=True)
        if run.returncode != 0 or not run.stdout.strip():
            print(f"openblas_core: {candidate or 'detected'}: failed: {run.stderr.strip()[-200:]}",
                  file=sys.stderr)
            continue
        micros, name = run.stdout.split()
        results.append((float(micros), candidate, name))
        print(f"# OPENBLAS_CORETYPE={candidate or '(unset)'}: kernel {name}, "
              f"three products {float(micros):.0f} us", file=sys.stderr)
    if not results:
        sys.exit("openblas_core: no candidate ran")
    print(min(results)[1])


if __name__ == "__main__":
    main()
