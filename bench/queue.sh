#!/usr/bin/env bash
# bench/queue.sh: the durable queue against Postfix's own queue, on one machine, to one sink.
#
#   Postfix:  smtp-source -> Postfix smtpd -> queue (disk) -> smtp client -> smtp-sink
#   cdi-mail: sendMassMail -> queue (Artemis journal, synced) -> worker -> smtp-sink
#
# Both are durable end to end (the message is on disk before the sender is told it was accepted).
# Postfix runs as a throwaway instance: its own config_directory and queue_directory under a
# temporary directory, `postfix -c DIR start`, stopped and removed at the end. Also measured:
# enqueue of sendMassMail batches and the p99 latency of one queued send() next to a direct
# SMTP send(). Needs root for Postfix (it drops privileges to the postfix user).
#
#   bench/queue.sh                       # 10,000 messages
#   COUNT=2000 bench/queue.sh            # quicker
#
# Settings (environment): COUNT (10000), CONSUMERS cdi-mail consumers (4), SESSIONS smtp-source
# parallel sessions (4), SAMPLES latency samples (500), JAVA (java).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${COUNT:-10000}"
CONSUMERS="${CONSUMERS:-4}"
SESSIONS="${SESSIONS:-4}"
SAMPLES="${SAMPLES:-500}"
JAVA="${JAVA:-java}"
say() { echo "queue-bench: $*" >&2; }
die() { say "$*"; exit 1; }

sink_bin="$(command -v smtp-sink || echo /usr/sbin/smtp-sink)"
source_bin="$(command -v smtp-source || echo /usr/sbin/smtp-source)"
postfix_bin="$(command -v postfix || echo /usr/sbin/postfix)"
[[ -x "$sink_bin" && -x "$source_bin" && -x "$postfix_bin" ]] || die "needs Postfix (smtp-sink, smtp-source, postfix): see .ci/run"
[[ "$(id -u)" == 0 ]] || die "needs root to run a throwaway Postfix instance"

work="$(mktemp -d /tmp/cdi-mail-queue-bench.XXXXXX)"
chmod 755 "$work"
sink_pid=""
postfix_dir=""
cleanup() {
  [[ -n "$postfix_dir" ]] && "$postfix_bin" -c "$postfix_dir/etc" stop >/dev/null 2>&1 || true
  [[ -n "$sink_pid" ]] && kill "$sink_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# --- the CLI jar (its class path runs QueueBench.java) -----------------------------------------
say "building the CLI (offline first)"
(cd "$root" && { mvn -B -q -o -pl cli -am package -DskipTests -DskipJavadoc || mvn -B -q -pl cli -am package -DskipTests -DskipJavadoc; }) >&2
cp="$root/cli/target/cdi-mail-cli.jar:$root/cli/target/lib/*"

# --- the sink: counts messages ------------------------------------------------------------------
sink_port="$(free_port)"
"$sink_bin" -u nobody -c "127.0.0.1:$sink_port" 256 > "$work/sink.counters" &
sink_pid=$!
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$sink_port") 2>/dev/null && break; sleep 0.1; done
sink_count() { tr '\r' '\n' < "$work/sink.counters" | grep -o 'mesg=[0-9]*' | tail -1 | cut -d= -f2 || echo 0; }
wait_for_sink() {   # wait_for_sink N: until the sink has counted N messages (deadline 30 min)
  local target="$1" deadline=$((SECONDS + 1800))
  while (( $(sink_count || echo 0) < target )); do
    (( SECONDS < deadline )) || die "the sink counted only $(sink_count) of $target"
    sleep 0.05
  done
}
now() { date +%s.%N; }

# --- Postfix: a throwaway instance relaying to the sink -----------------------------------------
postfix_dir="$work/postfix"
mkdir -p "$postfix_dir/etc" "$postfix_dir/spool" "$postfix_dir/data"
chown postfix "$postfix_dir/data"               # master.lock; the spool is set up by postfix-script
pf_port="$(free_port)"
cp /etc/postfix/dynamicmaps.cf "$postfix_dir/etc/" 2>/dev/null || true
cp -r /etc/postfix/dynamicmaps.cf.d "$postfix_dir/etc/" 2>/dev/null || true
# master.cf: the distribution's services, not chrooted, smtpd on 127.0.0.1:PORT only.
awk -v port="$pf_port" '
  /^smtp +inet/ { print "127.0.0.1:" port " inet n - n - - smtpd"; next }
  /^[a-z]/ && NF >= 8 { $5 = "n"; print; next }
  { print }' /etc/postfix/master.cf > "$postfix_dir/etc/master.cf"
cat > "$postfix_dir/etc/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $postfix_dir/spool
data_directory = $postfix_dir/data
mail_owner = postfix
setgid_group = postdrop
myhostname = bench.localdomain
inet_interfaces = loopback-only
inet_protocols = ipv4
mydestination =
local_recipient_maps =
relayhost = [127.0.0.1]:$sink_port
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtp_tls_security_level = none
smtpd_tls_security_level = none
default_destination_concurrency_limit = 20
smtp_destination_concurrency_limit = 20
maillog_file = $postfix_dir/maillog
maillog_file_prefixes = $work
alias_maps =
alias_database =
CF
"$postfix_bin" -c "$postfix_dir/etc" check >&2 || true
"$postfix_bin" -c "$postfix_dir/etc" start >&2 || { tail -5 "$postfix_dir/maillog" >&2; die "Postfix did not start"; }
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$pf_port") 2>/dev/null && break; sleep 0.1; done

say "Postfix: $COUNT messages, smtp-source with $SESSIONS sessions -> Postfix -> smtp-sink"
before="$(sink_count || echo 0)"; before="${before:-0}"
t0="$(now)"
"$source_bin" -s "$SESSIONS" -m "$COUNT" -f bench@example.com -t rcpt@example.com -l 300 "127.0.0.1:$pf_port"
t_accepted="$(now)"
wait_for_sink $((before + COUNT))
t1="$(now)"
"$postfix_bin" -c "$postfix_dir/etc" stop >&2 || true
postfix_dir_done="$postfix_dir"; postfix_dir=""
pf_rate="$(echo "$COUNT / ($t1 - $t0)" | bc -l)"
pf_accept="$(echo "$COUNT / ($t_accepted - $t0)" | bc -l)"

# --- cdi-mail: enqueue + deliver through the queue ----------------------------------------------
say "cdi-mail: $COUNT messages, sendMassMail -> Artemis journal -> worker ($CONSUMERS consumers) -> smtp-sink"
out="$("$JAVA" -Xmx512m -cp "$cp" "$root/bench/queue/QueueBench.java" "$sink_port" "$work/journal" "$COUNT" "$CONSUMERS" "$SAMPLES" 2>"$work/bench.err")" \
  || { cat "$work/bench.err" >&2; die "QueueBench failed"; }
echo "$out" >&2
cdi_rate="$(echo "$out" | grep '^durable end to end' | sed -E 's/.*= ([0-9]+) msg\/s.*/\1/')"

echo
echo "## Durable queue: cdi-mail vs Postfix (COUNT=$COUNT, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "| what | figure |"
echo "|---|---|"
printf '| Postfix end to end (smtp-source -> smtpd -> queue -> smtp -> sink), %s sessions | %.0f msg/s (accepted at %.0f msg/s) |\n' "$SESSIONS" "$pf_rate" "$pf_accept"
echo "$out" | sed -E 's/^([^:]*): (.*)$/| cdi-mail \1 | \2 |/'
printf '| ratio cdi-mail / Postfix, end to end | %.2fx |\n' "$(echo "$cdi_rate / $pf_rate" | bc -l)"
