#!/usr/bin/env bash
# Per-list-turn storage costs of the bot as `npm start` composes it (dist/src/index.js, demo tenant, fresh DATA_DIR),
# over a window of TURNS list turns after WARM warm-up turns in the same 10 conversations. Not a jest test.
#   [DIST=dist] test/storage/measure/measure.sh MODE TURNS [WARM=400] [PORT=39111]   (DIST: another build to compare)
# MODE plain: /proc io counters; strace: + syscalls per turn by file (pwrite64 count/bytes, fsync, fcntl);
# statements: + each SQLite statement per turn, with the code that ran it (statements.js preloaded);
# commits: + main-thread ms inside SQLite per turn, COMMIT p50/p99/max, BEGIN p99/max, event-loop delay (commits.js preloaded);
# callgrind: + instructions (Ir) of the whole process over the window only (callgrind_control -i on/off).
# Prints one line per figure, per turn. Keeps the DATA_DIR (path printed) for test/storage/measure/pages.js.
set -euo pipefail
MODE=$1; TURNS=$2; WARM=${3:-400}; PORT=${4:-39111}
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/../../.." && pwd)
OUT=$(mktemp -d /tmp/wal-measure-XXXX); DATA=$OUT/data; mkdir -p "$DATA"
cd "$ROOT"
case $MODE in
  callgrind) WRAP=(valgrind --tool=callgrind --instr-atstart=no --collect-atstart=yes --callgrind-out-file="$OUT/cg.%p" --dump-instr=no) ;;
  statements) WRAP=(env STATEMENTS_OUT="$OUT/statements.json") ;;
  commits) WRAP=(env COMMITS_OUT="$OUT/commits.json") ;;
  *) WRAP=() ;;
esac
PRELOAD=(); [ "$MODE" = statements ] && PRELOAD=(-r "$HERE/statements.js"); [ "$MODE" = commits ] && PRELOAD=(-r "$HERE/commits.js")
HOST=127.0.0.1 PORT=$PORT DATA_DIR=$DATA POSTURE_SNAPSHOT='' "${WRAP[@]}" node "${PRELOAD[@]}" "${DIST:-dist}/src/index.js" >"$OUT/server.log" 2>&1 &
SPID=$!
for _ in $(seq 600); do curl -sf "127.0.0.1:$PORT/healthz" >/dev/null && break; kill -0 "$SPID" 2>/dev/null || { cat "$OUT/server.log"; exit 1; }; sleep 0.5; done
PID=$(ss -ltnp | grep ":$PORT " | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
node "$HERE/drive.js" "$PORT" "$WARM" 10 m >/dev/null
io() { awk '{print $2}' "/proc/$PID/io" | paste -sd' '; } # rchar wchar syscr syscw read_bytes write_bytes cancelled
if [ "$MODE" = strace ]; then
  strace -f -y -qq -e trace=pwrite64,write,fsync,fdatasync,fcntl,ftruncate,openat -o "$OUT/strace" -p "$PID" & TPID=$!; sleep 1
fi
[ "$MODE" = callgrind ] && HOST=127.0.0.1 callgrind_control -i on "$PID" >/dev/null
[ "$MODE" = statements ] && { kill -USR2 "$PID"; sleep 0.5; }
[ "$MODE" = commits ] && { kill -USR2 "$PID"; sleep 0.5; }
A=$(io); U0=$(awk '{print $14}' "/proc/$PID/stat"); S0=$(awk '{print $15}' "/proc/$PID/stat")
node "$HERE/drive.js" "$PORT" "$TURNS" 10 m "$OUT/replies.txt"
B=$(io); U1=$(awk '{print $14}' "/proc/$PID/stat"); S1=$(awk '{print $15}' "/proc/$PID/stat")
[ "$MODE" = callgrind ] && HOST=127.0.0.1 callgrind_control -i off "$PID" >/dev/null
[ "$MODE" = statements ] && { kill -USR2 "$PID"; sleep 0.5; node "$HERE/statements.js" "$OUT/statements.json" "$TURNS"; }
[ "$MODE" = commits ] && { kill -USR2 "$PID"; sleep 0.5; node -e 'const r=require(process.argv[1]),n=+process.argv[2];console.log(`sqlite_main_ms_per_turn ${(r.sqliteMs/n).toFixed(4)}\ncommit_ms_per_turn ${(r.commitMsTotal/n).toFixed(4)}\ncommits ${r.commits} p50 ${r.commitP50.toFixed(3)} p99 ${r.commitP99.toFixed(3)} max ${r.commitMax.toFixed(3)} over10ms ${r.commitsOver10ms}\nbegin_ms_per_turn ${(r.beginMsTotal/n).toFixed(4)} p99 ${r.beginP99.toFixed(3)} max ${r.beginMax.toFixed(3)}\nloop_delay_ms p99 ${r.loopP99.toFixed(2)} max ${r.loopMax.toFixed(2)}`)' "$OUT/commits.json" "$TURNS"; }
[ "$MODE" = strace ] && { sleep 0.5; kill -INT "$TPID"; wait "$TPID" || true; }
echo "wal_bytes_at_end $(stat -c %s "$DATA/posture-bot.sqlite-wal" 2>/dev/null || echo 0)"
cp "$DATA/posture-bot.sqlite" "$OUT/copy.sqlite"; cp "$DATA/posture-bot.sqlite-wal" "$OUT/copy.sqlite-wal" 2>/dev/null || true
echo "out $OUT"
echo "cpu_ms_per_turn user $(echo "($U1-$U0)*10/$TURNS" | bc -l | cut -c1-6) system $(echo "($S1-$S0)*10/$TURNS" | bc -l | cut -c1-6) (noisy: shared machine)"
paste <(echo "$A" | tr ' ' '\n') <(echo "$B" | tr ' ' '\n') <(printf '%s\n' rchar wchar syscr syscw read_bytes write_bytes cancelled) | awk -v n="$TURNS" '{printf "io_%s_per_turn %.1f\n", $3, ($2-$1)/n}'
if [ "$MODE" = strace ]; then
  node "$HERE/straceSummary.js" "$OUT/strace" "$TURNS"
fi
kill -TERM "$PID"; wait "$SPID" || true
if [ "$MODE" = callgrind ]; then
  for f in "$OUT"/cg.*; do grep -h '^totals:' "$f"; done | awk -v n="$TURNS" '{s+=$2} END {printf "Ir_per_turn %.0f\n", s/n}'
  # Self Ir by object: better_sqlite3.node is SQLite and its binding.
  for f in "$OUT"/cg.*; do callgrind_annotate --inclusive=no --threshold=100 "$f"; done 2>/dev/null | awk -v n="$TURNS" '
    /^ *[0-9,]+ +\(/ && !/PROGRAM TOTALS/ { ir=$1; gsub(",", "", ir); obj="other"; if (match($0, /\[[^]]*\]$/)) obj=substr($0, RSTART+1, RLENGTH-2); sub(".*/", "", obj); by[obj]+=ir }
    END { for (o in by) if (by[o]/n > 10000) printf "Ir_per_turn_in %s %.0f\n", o, by[o]/n }' | sort -k3 -nr
fi
