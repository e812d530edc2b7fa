#!/usr/bin/env bash
# Flexolab set-up script for Debian 12 and newer.
#   ./flexolab.sh run [ARGS]   install missing packages, build, launch the app
#   ./flexolab.sh test         install missing packages, build, run every test under Xvfb
#   ./flexolab.sh build        install missing packages and build only
# Works as root or as a user with sudo; prints what it installs.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

BUILD_DIR=${FLEXOLAB_BUILD_DIR:-build}
PACKAGES=(
  gcc meson ninja-build pkg-config gettext python3
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libepoxy-dev libcairo2-dev
  libgsl-dev libfftw3-dev libhdf5-dev hdf5-tools libsuitesparse-dev libjson-glib-dev
  desktop-file-utils appstream libxml2-utils
  xvfb xauth dbus dbus-x11 at-spi2-core
  clang libclang-rt-dev
)

install_missing() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "flexolab.sh: installing missing packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "flexolab.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
  install_missing
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    meson setup "$BUILD_DIR" --buildtype=debugoptimized
  fi
  meson compile -C "$BUILD_DIR"
}

# Counts results from meson's JSON log: "N passed, N failed" for whoever reads the tail.
summarize() {
  python3 - "$@" <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    with open(path) as f:
        for line in f:
            r = json.loads(line)["result"]
            if r in ("OK", "EXPECTEDFAIL"): passed += 1
            elif r == "SKIP": skipped += 1
            else: failed += 1
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
}

run_tests() {
  build
  local rc=0 logs=()
  export NO_AT_BRIDGE=1
  # Pass 1: every suite; display tests on Xvfb with OpenGL (llvmpipe).
  xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- \
    meson test -C "$BUILD_DIR" --print-errorlogs --num-processes 2 || rc=1
  cp "$BUILD_DIR/meson-logs/testlog.json" "$BUILD_DIR/meson-logs/testlog-pass1.json"
  logs+=("$BUILD_DIR/meson-logs/testlog-pass1.json")
  # Pass 2: display suite again without OpenGL, to exercise the cairo fallbacks.
  GDK_DEBUG=gl-disable xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- \
    meson test -C "$BUILD_DIR" --suite display --print-errorlogs --num-processes 2 || rc=1
  cp "$BUILD_DIR/meson-logs/testlog.json" "$BUILD_DIR/meson-logs/testlog-pass2.json"
  logs+=("$BUILD_DIR/meson-logs/testlog-pass2.json")
  # Pass 3: AddressSanitizer + UndefinedBehaviorSanitizer build of everything.  Leaks are
  # checked in the displayless suites (third-party caches suppressed in tests/lsan.supp);
  # GTK/Mesa keep process-lifetime allocations, so the display suite runs with leak
  # detection off but every memory error still fails it.  FLEXOLAB_SANITIZE=0 skips it.
  if [ "${FLEXOLAB_SANITIZE:-1}" != 0 ]; then
    local asan="${BUILD_DIR}-asan"
    if [ ! -f "$asan/build.ninja" ]; then
      meson setup "$asan" --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false
    fi
    meson compile -C "$asan"
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" ASAN_OPTIONS=detect_leaks=1 \
      meson test -C "$asan" --suite sim --suite app --suite widgets --print-errorlogs \
      --num-processes 2 --timeout-multiplier 4 || rc=1
    cp "$asan/meson-logs/testlog.json" "$BUILD_DIR/meson-logs/testlog-asan1.json"
    logs+=("$BUILD_DIR/meson-logs/testlog-asan1.json")
    ASAN_OPTIONS=detect_leaks=0 xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- \
      meson test -C "$asan" --suite display --print-errorlogs --num-processes 2 \
      --timeout-multiplier 4 || rc=1
    cp "$asan/meson-logs/testlog.json" "$BUILD_DIR/meson-logs/testlog-asan2.json"
    logs+=("$BUILD_DIR/meson-logs/testlog-asan2.json")
  fi
  # Pass 4: libFuzzer harnesses (tests/fuzz/run.sh: units, session, materials), 50 s
  # each, about 3 min with the build; any crash, sanitizer report or broken parser
  # contract fails.  FLEXOLAB_FUZZ=0 skips it; FLEXOLAB_FUZZ_TIME sets the time per harness.
  if [ "${FLEXOLAB_FUZZ:-1}" != 0 ] && command -v clang >/dev/null; then
    FUZZ_BUILD_DIR="${BUILD_DIR}-fuzz" FUZZ_TIME="${FLEXOLAB_FUZZ_TIME:-50}" \
      tests/fuzz/run.sh || { echo "flexolab.sh: fuzzing failed"; rc=1; }
  fi
  # Pass 5: ThreadSanitizer on the job runner stress tests (tests/app/test-job-runner.c,
  # which links only the runner and the sim library, so the build is about 17 files), run
  # 20 times; any report fails (exit code 66).  No suppressions: the runner makes GLib's
  # futex-based locks visible to TSan itself (README "Threads").  About a minute with the
  # set-up; FLEXOLAB_TSAN=0 skips it.
  if [ "${FLEXOLAB_TSAN:-1}" != 0 ]; then
    local tsan="${BUILD_DIR}-tsan"
    if [ ! -f "$tsan/build.ninja" ]; then
      meson setup "$tsan" --buildtype=debugoptimized -Db_sanitize=thread -Db_lundef=false
    fi
    meson compile -C "$tsan" test-job-runner
    TSAN_OPTIONS="halt_on_error=1:exitcode=66:second_deadlock_stack=1:ignore_noninstrumented_modules=1" \
      meson test -C "$tsan" --no-rebuild --repeat 20 --print-errorlogs job-runner || rc=1
    cp "$tsan/meson-logs/testlog.json" "$BUILD_DIR/meson-logs/testlog-tsan.json"
    logs+=("$BUILD_DIR/meson-logs/testlog-tsan.json")
  fi
  summarize "${logs[@]}"
  return $rc
}

case "${1:-}" in
  run)
    shift
    build
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "flexolab.sh: no display found (DISPLAY/WAYLAND_DISPLAY unset); the command line works without one:" >&2
      echo "  $BUILD_DIR/app/flexolab --help" >&2
      exit 1
    fi
    # Uninstalled run: the schema compiled into the build tree.
    GSETTINGS_SCHEMA_DIR="$PWD/$BUILD_DIR/data" exec "$BUILD_DIR/app/flexolab" "$@"
    ;;
  test)
    run_tests
    ;;
  build)
    build
    ;;
  *)
    echo "usage: $0 run [ARGS] | test | build" >&2
    exit 2
    ;;
esac
