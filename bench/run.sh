#!/usr/bin/env bash
# bench/run.sh: measures cdi-mail side by side with what people use today, in one run, against
# one local SMTP sink (Postfix's smtp-sink on 127.0.0.1), and prints a Markdown table of medians
# and ratios (the table of the README's "Performance" section).
#
#   bench/run.sh                  # everything, about 10 minutes on 2 cores
#   COUNT=2000 ROUNDS=3 bench/run.sh   # a quicker, rougher run
#
# Settings (environment): COUNT messages per round (10000), ROUNDS measured rounds (5), WARMUPS
# warm-up rounds (2), SESSIONS connection counts ("1 2 4"), BOOT_RUNS JVMs per start-up variant
# (10), ATTACHMENT_MB (200), JMH_WARMUPS / JMH_ITERATIONS / JMH_SECONDS (3 / 5 / 2), JAVA (java).
# Ratios are what count: absolute figures move with the machine's load, which the table reports.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${COUNT:-10000}"
ROUNDS="${ROUNDS:-5}"
WARMUPS="${WARMUPS:-2}"
SESSIONS="${SESSIONS:-1 2 4}"
BOOT_RUNS="${BOOT_RUNS:-10}"
ATTACHMENT_MB="${ATTACHMENT_MB:-200}"
JMH_WARMUPS="${JMH_WARMUPS:-3}"
JMH_ITERATIONS="${JMH_ITERATIONS:-5}"
JMH_SECONDS="${JMH_SECONDS:-2}"
JAVA="${JAVA:-java}"

say() { echo "bench: $*" >&2; }
die() { say "$*"; exit 1; }

# --- tools -----------------------------------------------------------------------------------
install_packages() {
  [[ $(id -u) -eq 0 ]] || die "missing $*; install it (apt-get install $*) or run as root"
  say "installing $* (the postfix daemon is never started)"
  apt-get update -qq >&2
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}
command -v smtp-sink >/dev/null && command -v smtp-source >/dev/null || install_packages postfix
[[ -x /usr/bin/time ]] || install_packages time
command -v "$JAVA" >/dev/null || die "java not found"

# --- build -----------------------------------------------------------------------------------
say "building bench/ (mvn -pl bench -am package, no tests)"
if ! (cd "$root" && mvn -B -q -o -pl bench -am package -DskipTests -DskipJavadoc) >&2; then
  (cd "$root" && mvn -B -q -pl bench -am package -DskipTests -DskipJavadoc) >&2 || die "build failed"
fi
cp="$root/bench/target/cdi-mail-bench.jar:$root/bench/target/lib/*"
work="$(mktemp -d "${TMPDIR:-/tmp}/cdi-mail-bench.XXXXXX")"
results="$work/results"
: >"$results"

# --- the sink --------------------------------------------------------------------------------
sink_pid=""
cleanup() {
  if [[ -n "$sink_pid" ]]; then kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 20); do
  port=$((20000 + RANDOM % 20000))
  listening "$port" && continue
  # -u nobody: smtp-sink refuses to keep root privileges; 1024: listen backlog.
  smtp-sink -u nobody "127.0.0.1:$port" 1024 >"$work/sink.log" 2>&1 &
  sink_pid=$!
  for _ in $(seq 50); do listening "$port" && break; sleep 0.1; done
  if listening "$port" && kill -0 "$sink_pid" 2>/dev/null; then break; fi
  kill "$sink_pid" 2>/dev/null || true; sink_pid=""
done
[[ -n "$sink_pid" ]] || die "smtp-sink did not start"
say "smtp-sink pid $sink_pid on 127.0.0.1:$port"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"

run_java() { "$JAVA" "$@" 2>>"$work/java.log" | grep '^RESULT' >>"$results" || die "$2 failed: $(tail -5 "$work/java.log")"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now_ns() { date +%s%N; }

# --- 1. one connection -----------------------------------------------------------------------
say "1/5 one connection: $COUNT messages x $ROUNDS rounds (+$WARMUPS warm-up), cdi-mail vs Jakarta Mail"
run_java -cp "$cp" org.cdimail.bench.OneConnection 127.0.0.1 "$port" "$COUNT" "$WARMUPS" "$ROUNDS"

# --- 2. parallel delivery --------------------------------------------------------------------
smtp_source_rounds() { # sessions rounds -> one rate per line
  local n=$1 rounds=$2 start end
  for _ in $(seq "$rounds"); do
    start=$(now_ns)
    smtp-source -s "$n" -d -m "$COUNT" -l 1024 -f sender@example.com -t recipient@example.com "127.0.0.1:$port"
    end=$(now_ns)
    awk -v c="$COUNT" -v ns=$((end - start)) 'BEGIN { printf "%.1f\n", c / (ns / 1e9) }'
  done
}
say "2/5 parallel delivery: smtp-source -s N -d and cdi-mail with a pool of N, N = $SESSIONS"
for n in $SESSIONS; do
  smtp_source_rounds "$n" 1 >/dev/null # warm-up
  smtp_source_rounds "$n" "$ROUNDS" >>"$work/source-$n"
done
# shellcheck disable=SC2086
run_java -cp "$cp" org.cdimail.bench.Parallel 127.0.0.1 "$port" "$COUNT" "$WARMUPS" "$ROUNDS" $SESSIONS
for n in $SESSIONS; do # as many rounds again after cdi-mail's, so that both see the same load
  smtp_source_rounds "$n" "$ROUNDS" >>"$work/source-$n"
  echo "RESULT parallel.$n.smtp-source $(median <"$work/source-$n")" >>"$results"
done

# --- 3. memory -------------------------------------------------------------------------------
say "3/5 memory: a ${ATTACHMENT_MB} MB file attachment over SMTP with -Xmx64m, peak RSS vs the same JVM idle"
big="$work/attachment.bin"
truncate -s "${ATTACHMENT_MB}M" "$big"
for mode in idle send; do
  /usr/bin/time -v -o "$work/time-$mode" "$JAVA" -Xmx64m -cp "$cp" org.cdimail.bench.LargeAttachment \
    127.0.0.1 "$port" "$big" "$mode" 2>>"$work/java.log" | grep '^RESULT' >>"$results" \
    || die "the $mode run failed: $(tail -5 "$work/java.log")"
  rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time-$mode")
  echo "RESULT memory.$mode.rss-mb $(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')" >>"$results"
done
rm -f "$big"

# --- 4. rendering (JMH) ----------------------------------------------------------------------
say "4/5 rendering: JMH, $JMH_WARMUPS warm-up and $JMH_ITERATIONS measured iterations of ${JMH_SECONDS}s each"
run_java -cp "$cp" org.cdimail.bench.Rendering "$JMH_WARMUPS" "$JMH_ITERATIONS" "$JMH_SECONDS"

# --- 5. start-up -----------------------------------------------------------------------------
say "5/5 start-up: Weld SE with and without the extension, $BOOT_RUNS JVMs each, alternating"
for _ in $(seq "$BOOT_RUNS"); do
  for variant in with without; do
    "$JAVA" -cp "$cp" org.cdimail.bench.BootTime "$variant" 2>>"$work/java.log" \
      | awk '/^RESULT/ { print $3 }' >>"$work/boot-$variant"
  done
done
for variant in with without; do
  echo "RESULT boot.$variant.ms $(median <"$work/boot-$variant")" >>"$results"
done

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- the table -------------------------------------------------------------------------------
value() { awk -v k="$1" '$1 == "RESULT" && $2 == k { print $3 }' "$results" | tail -1; }
row() { # label ours baseline-label baseline goal-kind goal
  awk -v label="$1" -v ours="$2" -v blabel="$3" -v base="$4" -v kind="$5" -v goal="$6" 'BEGIN {
    ratio = (base > 0) ? ours / base : 0
    verdict = ""
    if (kind == "min") verdict = (ratio >= goal) ? sprintf("≥ %s: met", goal) : sprintf("≥ %s: not met", goal)
    else if (kind != "") verdict = kind
    printf "| %s | %s | %s %s | %.2f | %s |\n", label, fmt(ours), blabel, fmt(base), ratio, verdict
  }
  function fmt(x) { return (x >= 100) ? sprintf("%.0f", x) : sprintf("%.1f", x) }'
}
cpu="$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo
echo "Measured $started on $(nproc) cores ($cpu), $(uname -sr), $("$JAVA" -version 2>&1 | head -1);"
echo "load average $load_before before, $load_after after (the machine was shared with other builds)."
echo "Command: \`COUNT=$COUNT ROUNDS=$ROUNDS WARMUPS=$WARMUPS bench/run.sh\`. Medians; higher is better except RSS and start-up."
echo
echo "| measurement | cdi-mail | baseline | ratio | goal |"
echo "|---|---|---|---|---|"
row "1 connection: sendMassMail, $COUNT × 1 KB (msg/s)" "$(value oneconn.cdimail)" \
  "Jakarta Mail, one Transport:" "$(value oneconn.raw)" min 0.95
row "1 connection: CPU per message, whole JVM (µs, lower is better)" "$(value oneconn.cdimail.cpu-us)" \
  "Jakarta Mail:" "$(value oneconn.raw.cpu-us)" "" ""
for n in $SESSIONS; do
  goal_kind=""; goal=""
  [[ $n -eq 4 ]] && { goal_kind=min; goal=0.5; }
  row "pool of $n: sendMassMail (msg/s)" "$(value "parallel.$n.mass")" \
    "smtp-source -s $n -d:" "$(value "parallel.$n.smtp-source")" "$goal_kind" "$goal"
  callers="$n threads"; [[ $n -eq 1 ]] && callers="1 thread"
  row "pool of $n: $callers calling send, a message per call (msg/s)" "$(value "parallel.$n.callers")" \
    "smtp-source -s $n -d:" "$(value "parallel.$n.smtp-source")" "$goal_kind" "$goal"
done
row "${ATTACHMENT_MB} MB attachment over SMTP, -Xmx64m: peak RSS (MB)" "$(value memory.send.rss-mb)" \
  "same JVM idle:" "$(value memory.idle.rss-mb)" "sent in $(value memory.send.seconds) s" ""
for kind in plain:plain html:"text + HTML" attachments:"3 attachments"; do
  key="${kind%%:*}"; label="${kind#*:}"
  row "render $label (msg/s, JMH)" "$(value "render.${key}CdiMail")" \
    "Jakarta Mail:" "$(value "render.${key}JakartaMail")" "" ""
done
row "Weld SE start-up with the extension (ms)" "$(value boot.with.ms)" \
  "without:" "$(value boot.without.ms)" "median of $BOOT_RUNS JVMs" ""
