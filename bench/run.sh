#!/usr/bin/env bash
# bench/run.sh: measures cdi-mail side by side with what people use today, in one run, against
# one local SMTP sink (Postfix's smtp-sink on 127.0.0.1), and prints a Markdown table of medians
# and ratios (the table of the README's "Performance" section).
#
#   bench/run.sh                  # everything, about 14 minutes on 2 cores
#   COUNT=2000 ROUNDS=3 bench/run.sh   # a quicker, rougher run
#   ONLY="oneconn mass" bench/run.sh   # some sections only: their rows of the table
#
# Settings (environment): COUNT messages per round (10000), ROUNDS measured rounds (5), WARMUPS
# warm-up rounds (2), SESSIONS connection counts ("1 2 4"), BOOT_RUNS JVMs per start-up variant
# (10), ATTACHMENT_MB (200), JMH_WARMUPS / JMH_ITERATIONS / JMH_SECONDS (3 / 5 / 2), JAVA (java),
# MASS_COUNT messages of the send-mass vs Django rows (20000), CLI_COUNT messages of the send-mass
# rate row (100000), ONLY sections to run (oneconn parallel memory render boot mass; all by default).
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
MASS_COUNT="${MASS_COUNT:-20000}"
CLI_COUNT="${CLI_COUNT:-100000}"
ONLY="${ONLY:-}"

say() { echo "bench: $*" >&2; }
want() { [[ -z "$ONLY" || " $ONLY " == *" $1 "* ]]; }
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
if want mass; then
  /usr/bin/python3 -c 'import django' 2>/dev/null || install_packages python3-django
fi
command -v "$JAVA" >/dev/null || die "java not found"

# --- build -----------------------------------------------------------------------------------
say "building bench/ and cli/ (mvn -pl bench,cli -am package, no tests)"
if ! (cd "$root" && mvn -B -q -o -pl bench,cli -am package -DskipTests -DskipJavadoc) >&2; then
  (cd "$root" && mvn -B -q -pl bench,cli -am package -DskipTests -DskipJavadoc) >&2 || die "build failed"
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
if want oneconn; then
say "1/6 one connection: $COUNT messages x $ROUNDS rounds (+$WARMUPS warm-up), cdi-mail vs Jakarta Mail"
run_java -cp "$cp" org.cdimail.bench.OneConnection 127.0.0.1 "$port" "$COUNT" "$WARMUPS" "$ROUNDS"
fi

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
if want parallel; then
say "2/6 parallel delivery: smtp-source -s N -d and cdi-mail with a pool of N, N = $SESSIONS"
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
fi

# --- 3. memory -------------------------------------------------------------------------------
if want memory; then
say "3/6 memory: a ${ATTACHMENT_MB} MB file attachment over SMTP with -Xmx64m, peak RSS vs the same JVM idle"
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
fi

# --- 4. rendering (JMH) ----------------------------------------------------------------------
if want render; then
say "4/6 rendering: JMH, $JMH_WARMUPS warm-up and $JMH_ITERATIONS measured iterations of ${JMH_SECONDS}s each"
run_java -cp "$cp" org.cdimail.bench.Rendering "$JMH_WARMUPS" "$JMH_ITERATIONS" "$JMH_SECONDS"
fi

# --- 5. start-up -----------------------------------------------------------------------------
if want boot; then
say "5/6 start-up: Weld SE with and without the extension, $BOOT_RUNS JVMs each, alternating"
for _ in $(seq "$BOOT_RUNS"); do
  for variant in with without; do
    "$JAVA" -cp "$cp" org.cdimail.bench.BootTime "$variant" 2>>"$work/java.log" \
      | awk '/^RESULT/ { print $3 }' >>"$work/boot-$variant"
  done
done
for variant in with without; do
  echo "RESULT boot.$variant.ms $(median <"$work/boot-$variant")" >>"$results"
done
fi

# --- 6. the command: send-mass -----------------------------------------------------------------
mass_jsonl() { # count -> the send-mass file of that many 1 KB messages, Django's datatuple as JSON Lines
  awk -v n="$1" 'BEGIN {
    line = "The quick brown fox jumps over the lazy dog, again and again 0123\\n"
    for (i = 0; i < 15; i++) body = body line
    body = body ".................................." # 1024 characters, as django_send_mass.py and Fixtures
    for (i = 0; i < n; i++)
      printf "{\"subject\": \"Message %d\", \"body\": \"%s\", \"from\": \"sender@example.com\", \"to\": \"recipient@example.com\"}\n", i, body
  }'
}
send_mass() { # file [timer command...] -> the whole ./cdi-mail process, one connection to the sink; output in $work/mass.out
  local file=$1; shift
  "$@" "$root/cdi-mail" send-mass "$file" --backend smtp --set mail.host=127.0.0.1 --set "mail.port=$port" \
    >"$work/mass.out" 2>>"$work/java.log"
}
wall_seconds() { # time-file -> seconds
  tail -1 "$1"
}
if want mass; then
  say "6/6 send-mass: the whole ./cdi-mail process vs Django $(/usr/bin/python3 -c 'import django; print(django.get_version())') send_mass_mail, $MASS_COUNT messages x $ROUNDS rounds (+1 warm-up); the command's rate with $CLI_COUNT"
  mass_jsonl "$MASS_COUNT" >"$work/mass.jsonl"
  "$root/cdi-mail" --version >/dev/null # builds the command now if its sources changed, not while timed
  for i in $(seq 0 "$ROUNDS"); do # round 0 warms the page cache and the sink
    for side in $(( i % 2 )) $(( (i + 1) % 2 )); do
      if [[ $side -eq 0 ]]; then
        send_mass "$work/mass.jsonl" /usr/bin/time -f %e -o "$work/time" \
          || die "send-mass failed: $(tail -5 "$work/mass.out" "$work/java.log")"
        grep -q "^Sent $MASS_COUNT of $MASS_COUNT messages" "$work/mass.out" || die "send-mass did not send everything: $(head -3 "$work/mass.out")"
        if [[ $i -gt 0 ]]; then wall_seconds "$work/time" >>"$work/mass-cli"; fi
      else
        /usr/bin/time -f %e -o "$work/time" /usr/bin/python3 "$root/bench/django_send_mass.py" 127.0.0.1 "$port" "$MASS_COUNT" \
          >"$work/django.out" 2>>"$work/java.log" || die "Django failed: $(tail -5 "$work/java.log")"
        [[ "$(cat "$work/django.out")" == "$MASS_COUNT" ]] || die "Django sent $(cat "$work/django.out") of $MASS_COUNT"
        if [[ $i -gt 0 ]]; then wall_seconds "$work/time" >>"$work/mass-django"; fi
      fi
    done
  done
  for side in cli django; do
    s="$(median <"$work/mass-$side")"
    echo "RESULT mass.$side.s $s" >>"$results"
    echo "RESULT mass.$side $(awk -v c="$MASS_COUNT" -v s="$s" 'BEGIN { printf "%.1f", c / s }')" >>"$results"
  done
  mass_jsonl "$CLI_COUNT" >"$work/rate.jsonl"
  for _ in $(seq "$ROUNDS"); do
    send_mass "$work/rate.jsonl" || die "send-mass failed: $(tail -5 "$work/mass.out" "$work/java.log")"
    grep -q "^Sent $CLI_COUNT of $CLI_COUNT messages" "$work/mass.out" || die "send-mass did not send everything: $(head -3 "$work/mass.out")"
    sed -n 's/^Sent .*(\([0-9.]*\) messages\/s)\.$/\1/p' "$work/mass.out" >>"$work/mass-rate"
  done
  echo "RESULT mass.cli.rate $(median <"$work/mass-rate")" >>"$results"
  rm -f "$work/mass.jsonl" "$work/rate.jsonl"
fi

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
echo "Command: \`${ONLY:+ONLY=\"$ONLY\" }COUNT=$COUNT ROUNDS=$ROUNDS WARMUPS=$WARMUPS${ONLY:+ MASS_COUNT=$MASS_COUNT CLI_COUNT=$CLI_COUNT} bench/run.sh\`. Medians; higher is better except RSS and start-up."
echo
echo "| measurement | cdi-mail | baseline | ratio | goal |"
echo "|---|---|---|---|---|"
if want oneconn; then
row "1 connection: sendMassMail, $COUNT × 1 KB (msg/s)" "$(value oneconn.cdimail)" \
  "Jakarta Mail, one Transport:" "$(value oneconn.raw)" min 0.95
row "1 connection: CPU per message, whole JVM (µs, lower is better)" "$(value oneconn.cdimail.cpu-us)" \
  "Jakarta Mail:" "$(value oneconn.raw.cpu-us)" "" ""
fi
if want parallel; then
for n in $SESSIONS; do
  goal_kind=""; goal=""
  [[ $n -eq 4 ]] && { goal_kind=min; goal=0.5; }
  row "pool of $n: sendMassMail (msg/s)" "$(value "parallel.$n.mass")" \
    "smtp-source -s $n -d:" "$(value "parallel.$n.smtp-source")" "$goal_kind" "$goal"
  callers="$n threads"; [[ $n -eq 1 ]] && callers="1 thread"
  row "pool of $n: $callers calling send, a message per call (msg/s)" "$(value "parallel.$n.callers")" \
    "smtp-source -s $n -d:" "$(value "parallel.$n.smtp-source")" "$goal_kind" "$goal"
done
fi
if want memory; then
row "${ATTACHMENT_MB} MB attachment over SMTP, -Xmx64m: peak RSS (MB)" "$(value memory.send.rss-mb)" \
  "same JVM idle:" "$(value memory.idle.rss-mb)" "sent in $(value memory.send.seconds) s" ""
fi
if want render; then
for kind in plain:plain html:"text + HTML" attachments:"3 attachments"; do
  key="${kind%%:*}"; label="${kind#*:}"
  row "render $label (msg/s, JMH)" "$(value "render.${key}CdiMail")" \
    "Jakarta Mail:" "$(value "render.${key}JakartaMail")" "" ""
done
fi
if want boot; then
row "Weld SE start-up with the extension (ms)" "$(value boot.with.ms)" \
  "without:" "$(value boot.without.ms)" "median of $BOOT_RUNS JVMs" ""
fi
if want mass; then
row "\`./cdi-mail send-mass\`, one connection, $MASS_COUNT × 1 KB, whole process (msg/s)" "$(value mass.cli)" \
  "Django 3.2 \`send_mass_mail\`, whole process:" "$(value mass.django)" min 3
row "\`./cdi-mail send-mass\` vs Django 3.2: wall time of the whole process (s, lower is better)" "$(value mass.cli.s)" \
  "Django:" "$(value mass.django.s)" "" ""
if want oneconn; then
row "\`./cdi-mail send-mass\`, one connection, $CLI_COUNT × 1 KB: the command's own rate (msg/s)" "$(value mass.cli.rate)" \
  "sendMassMail, 1 connection:" "$(value oneconn.cdimail)" min 0.8
fi
fi
