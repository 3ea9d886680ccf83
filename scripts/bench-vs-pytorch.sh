#!/usr/bin/env bash
# Side-by-side speed of optim and the PyTorch CPU peer, in one run on this machine:
#   scripts/bench-vs-pytorch.sh [--epochs N] [--threads N] [--optimizers "adam sam"] [--rounds N]
# First scripts/openblas_core.py measures which OpenBLAS kernel runs the peer's products fastest
# here (OpenBLAS's own choice unless it fell back to its generic kernel on a CPU it does not know).
# For each optimizer and round it runs the peer (scripts/pytorch_peer.py, torch at 1 thread and
# OpenBLAS at its own threads with that kernel, OPENBLAS_L2_SIZE unset), then `bin/optim bench`,
# prints both JSON objects, and finally one summary line per optimizer with the medians over the
# rounds and the ratios optim / pytorch (below 1: optim is faster).
# Needs: bin/optim built (mvn -B -q -pl optim-cli -am package -DskipTests), Debian's python3-torch
# and libopenblas0-pthread. MNIST is fetched into optim's cache first (checksummed; a no-op once there).
set -euo pipefail
root=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
epochs=5
threads=2
optimizers="adam sam"
rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) epochs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --optimizers) optimizers=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "bench-vs-pytorch: unknown argument $1" >&2; exit 2 ;;
  esac
done
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$root/bin/optim" data fetch --dataset mnist 2>/dev/null | sed 's/^/# /'
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
coretype=$(/usr/bin/python3 "$root/scripts/openblas_core.py")
echo "# OPENBLAS_CORETYPE for the peer: ${coretype:-unset (OpenBLAS detects its kernel)}"
for opt in $optimizers; do
  for _ in $(seq "$rounds"); do
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE -u OPENBLAS_NUM_THREADS -u OMP_NUM_THREADS \
      ${coretype:+OPENBLAS_CORETYPE=$coretype} /usr/bin/python3 "$root/scripts/pytorch_peer.py" --optimizer "$opt" --epochs "$epochs" | tee -a "$out"
    "$root/bin/optim" bench --optimizer "$opt" --epochs "$epochs" --threads "$threads" 2>/dev/null | tee -a "$out"
  done
done
echo "# load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
for opt in dict.fromkeys(r["optimizer"] for r in rows):
    def med(side, key):
        return statistics.median(r[key] for r in rows if r["optimizer"] == opt and r["side"] == side)
    o, p = med("optim", "secondsPerEpochMedian"), med("pytorch", "secondsPerEpochMedian")
    oe, pe = med("optim", "evalSeconds"), med("pytorch", "evalSeconds")
    of, pf = med("optim", "firstEvalSeconds"), med("pytorch", "firstEvalSeconds")
    print(f"{opt}: s/epoch optim {o:.3f} pytorch {p:.3f} ratio {o / p:.2f}; "
          f"eval s optim {oe:.4f} pytorch {pe:.4f} ratio {oe / pe:.2f} "
          f"(first evaluation, epoch 0: optim {of:.4f} pytorch {pf:.4f}); "
          f"optim peak RSS {med('optim', 'peakRssBytes') / 2**20:.0f} MiB")
PY
