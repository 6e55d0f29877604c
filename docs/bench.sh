#!/usr/bin/env bash
# Runs qmcookie's benchmarks against local fakes and prints their figures. See docs/benchmarks.md.
#   docs/bench.sh renew-all [ACCOUNTS] [ROUNDS]     one `renew --all --force` over many accounts
#   docs/bench.sh idle [ACCOUNTS] [SECONDS] [FLAGS] the idle daemon's RSS and CPU time (java -jar)
#   docs/bench.sh idle-launcher [ACCOUNTS] [SECONDS] [FLAGS]  the same through target/qmcookie
#   docs/bench.sh cold [RUNS] [FLAGS]               cold start of status and export vs hello world
#   docs/bench.sh renew-all-store [ACCOUNTS] [ROUNDS] [HOSTS]  `renew --all --force` through a Redis
#                                                   store from 1 and HOSTS hosts, against the file vault
#   docs/bench.sh idle-store [ACCOUNTS] [SECONDS] [FLAGS]  the idle daemon, file vault and store
#   docs/bench.sh follow [ROUNDS]                   a renewal on one host to the export on another
# The store benchmarks start their own redis-server (/usr/bin/redis-server) on a free 127.0.0.1 port.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
cp_file=target/bench.classpath
mvn -B -q -ntp dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat "$cp_file")"
what=${1:-renew-all}
shift || true
case "$what" in
  renew-all) exec java -cp "$cp" dev.qmcookie.bench.RenewAllBenchmark "${1:-1000}" "${2:-3}" ;;
  idle) exec java -Dqmcookie.jar=target/qmcookie.jar -cp "$cp" dev.qmcookie.bench.ProcessBenchmarks idle "${1:-1}" "${2:-60}" "${@:3}" ;;
  idle-launcher) exec java -Dqmcookie.idle.launcher=target/qmcookie -cp "$cp" dev.qmcookie.bench.ProcessBenchmarks idle "${1:-1}" "${2:-60}" "${@:3}" ;;
  cold) exec java -Dqmcookie.jar=target/qmcookie.jar -Dqmcookie.launcher=target/qmcookie -cp "$cp" dev.qmcookie.bench.ProcessBenchmarks cold "${1:-10}" "${@:2}" ;;
  renew-all-store) exec java -Dqmcookie.jar=target/qmcookie.jar -cp "$cp" dev.qmcookie.bench.FleetBenchmarks renew-all "${1:-1000}" "${2:-3}" "${3:-3}" ;;
  idle-store) exec java -Dqmcookie.jar=target/qmcookie.jar -cp "$cp" dev.qmcookie.bench.FleetBenchmarks idle "${1:-1}" "${2:-60}" "${@:3}" ;;
  follow) exec java -Dqmcookie.jar=target/qmcookie.jar -cp "$cp" dev.qmcookie.bench.FleetBenchmarks follow "${1:-20}" ;;
  *) echo "usage: docs/bench.sh renew-all|idle|idle-launcher|cold|renew-all-store|idle-store|follow …" >&2; exit 2 ;;
esac
