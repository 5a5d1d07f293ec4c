#!/bin/bash
# Sample a running `bench/run.py build N` every INTERVAL seconds (default 180): UTC time, epoch,
# articles in the store (read-only open), CPU seconds of the kg build (main process + workers)
# and the 1-minute load average, appended to bench/work/samples-N.txt. Gives the rate curve
# (articles per second and per CPU-second as the store grows) on a shared machine.
# Usage: bench/sample_build.sh 100000 [INTERVAL] &
#        WORK=/tmp/kg-bench-real/work bench/sample_build.sh 100000 &    (the --real series)
cd "$(dirname "$0")/.." || exit 1
N=${1:?usage: bench/sample_build.sh N [INTERVAL]}
WORK=${WORK:-bench/work}
STORE=$WORK/store-$N
while true; do
  if [ -f "$STORE/CURRENT" ]; then
    n=$(.venv/bin/python -c "import pyoxigraph as ox,sys; print(sum(1 for g in ox.Store.read_only(sys.argv[1]).named_graphs() if '/id/article/' in g.value))" "$STORE" 2>/dev/null)
    main=$(pgrep -f "kg build .*$STORE" | tail -1)
    cpu=0
    if [ -n "$main" ]; then
      for p in $main $(pgrep -P "$main"); do
        t=$(ps -o times= -p "$p" 2>/dev/null | tr -d ' '); cpu=$((cpu + ${t:-0}))
      done
    fi
    echo "$(date -u +%H:%M:%S) $(date -u +%s) $n $cpu $(cut -d' ' -f1 /proc/loadavg)" >> "$WORK/samples-$N.txt"
  fi
  sleep "${2:-180}"
done
