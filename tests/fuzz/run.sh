#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the libFuzzer harnesses with clang (-fsanitize=fuzzer,address,undefined) and runs
# each for a bounded time; exits non-zero if any harness finds a crash, a sanitizer report,
# a broken contract (the harnesses abort) or a slow input.  Issue 11.
#
#   tests/fuzz/run.sh                 build into build-fuzz/, run each harness 60 s
#                                     (fuzz-units, fuzz-session, fuzz-materials)
#   FUZZ_TIME=300 tests/fuzz/run.sh   longer runs
#   FUZZ_BUILD_DIR=/tmp/f tests/fuzz/run.sh
#
# The sources are compiled directly (not through meson) so the fuzzed code and the code it
# calls carry the fuzzer's coverage instrumentation.  New inputs go to a working corpus in
# the build directory; tests/fuzz/corpus/<harness>/ holds the seeds and is only read.
# Crashing inputs are saved as $FUZZ_BUILD_DIR/artifacts/<harness>-crash-*; replay one with
#   $FUZZ_BUILD_DIR/<harness> $FUZZ_BUILD_DIR/artifacts/<file>
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."

CC=${CC_FUZZ:-clang}
OUT=${FUZZ_BUILD_DIR:-build-fuzz}
TIME=${FUZZ_TIME:-60}
mkdir -p "$OUT/obj" "$OUT/artifacts"

SAN=(-fsanitize=address,undefined -fno-sanitize-recover=undefined)
CFLAGS=(-g -O1 -std=gnu17 -D_GNU_SOURCE -fno-omit-frame-pointer "${SAN[@]}" -fsanitize=fuzzer-no-link
        -Isim -Iapp -I"$OUT")
GLIB_CFLAGS=$(pkg-config --cflags glib-2.0)
GLIB_LIBS=$(pkg-config --libs glib-2.0)
GIO_CFLAGS=$(pkg-config --cflags gio-2.0)
GIO_LIBS=$(pkg-config --libs gio-2.0)
GSL_LIBS=$(pkg-config --libs gsl)
FFTW_LIBS=$(pkg-config --libs fftw3)
# Debian 12's SuiteSparse has no CHOLMOD.pc: fall back as sim/meson.build does.
CHOLMOD_CFLAGS=$(pkg-config --cflags CHOLMOD 2>/dev/null || echo -I/usr/include/suitesparse)
CHOLMOD_LIBS=$(pkg-config --libs CHOLMOD 2>/dev/null || echo -lcholmod)

# app/flx-units.c and app/flx-session.c include config.h for these two only.
printf '#pragma once\n#define GETTEXT_PACKAGE "flexolab"\n#define PACKAGE_VERSION "fuzz"\n' > "$OUT/config.h"

compile() { # compile SRC [extra flags]: prints the object path, rebuilds when SRC is newer
  local src=$1; shift
  local obj="$OUT/obj/$(echo "$src" | tr / _).o"
  # rebuilt when the source or this script (the flags, config.h) changed
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$0" -nt "$obj" ]; then
    # shellcheck disable=SC2086
    $CC "${CFLAGS[@]}" "$@" -c "$src" -o "$obj" >&2
  fi
  echo "$obj"
}

SIM_OBJS=()
for s in sim/*.c sim/models/*.c; do
  SIM_OBJS+=("$(compile "$s" $CHOLMOD_CFLAGS)")
done
UNITS_OBJ=$(compile app/flx-units.c $GLIB_CFLAGS)

# shellcheck disable=SC2086
$CC "${CFLAGS[@]}" -fsanitize=fuzzer $GLIB_CFLAGS tests/fuzz/fuzz-units.c "$UNITS_OBJ" \
  "${SIM_OBJS[@]}" $GLIB_LIBS $GSL_LIBS $FFTW_LIBS $CHOLMOD_LIBS -lm -lpthread -o "$OUT/fuzz-units"
# shellcheck disable=SC2086
$CC "${CFLAGS[@]}" -fsanitize=fuzzer $GLIB_CFLAGS $GIO_CFLAGS tests/fuzz/fuzz-session.c \
  "$(compile app/flx-session.c $GIO_CFLAGS)" "$UNITS_OBJ" "${SIM_OBJS[@]}" $GIO_LIBS \
  $GSL_LIBS $FFTW_LIBS $CHOLMOD_LIBS -lm -lpthread -o "$OUT/fuzz-session"
# shellcheck disable=SC2086
$CC "${CFLAGS[@]}" -fsanitize=fuzzer tests/fuzz/fuzz-materials.c "${SIM_OBJS[@]}" \
  $GSL_LIBS $FFTW_LIBS $CHOLMOD_LIBS -lm -lpthread -o "$OUT/fuzz-materials"

rc=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for h in fuzz-units fuzz-session fuzz-materials; do
  work="$OUT/corpus/$h"
  mkdir -p "$work"
  echo "== $h: ${TIME} s"
  # -timeout: one input over 10 s is a hang; -rss_limit_mb: a leak or runaway allocation.
  # A fixed seed makes a CI failure reproducible (FLEXOLAB_FUZZ_SEED=0 picks a random one).
  if ! "$OUT/$h" -seed="${FLEXOLAB_FUZZ_SEED:-1}" -max_total_time="$TIME" -timeout=10 \
       -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$OUT/artifacts/$h-" "$work" "tests/fuzz/corpus/$h" \
       > "$OUT/$h.log" 2>&1; then
    echo "$h: FAILED (log: $OUT/$h.log)"
    tail -n 60 "$OUT/$h.log"
    rc=1
  fi
  # The last status line (execs, cov, ft, corpus) and the final stats, for the CI log.
  grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$OUT/$h.log" | tail -n 1 || true
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$OUT/$h.log" || true
done
exit $rc
