#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest without flatpak-builder: valid JSON, the app ID, the
GNOME runtime, exactly the agreed finish-args (STYLE.md section 9), GSL/HDF5/SuiteSparse
built as pinned archives with a sha256, and flexolab built last from this tree.

Usage: check-manifest.py MANIFEST APP_ID   (prints TAP, exits nonzero on failure)"""

import json
import re
import sys

FINISH_ARGS = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]
PINNED = ["gsl", "hdf5", "suitesparse"]

checks = []


def check(ok, what):
    checks.append((bool(ok), what))


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    try:
        with open(path, encoding="utf-8") as f:
            m = json.load(f)
    except (OSError, ValueError) as e:
        print("1..1\nnot ok 1 - %s parses as JSON: %s" % (path, e))
        return 1
    check(True, "manifest parses as JSON")
    check(m.get("id", m.get("app-id")) == app_id, "id is %s" % app_id)
    check(m.get("runtime") == "org.gnome.Platform", "runtime is org.gnome.Platform")
    check(m.get("sdk") == "org.gnome.Sdk", "sdk is org.gnome.Sdk")
    check(re.fullmatch(r"\d+", str(m.get("runtime-version", ""))), "runtime-version is a stable GNOME release")
    check(m.get("command") == "flexolab", "command is flexolab")
    check(sorted(m.get("finish-args", [])) == sorted(FINISH_ARGS),
          "finish-args are exactly %s" % " ".join(FINISH_ARGS))

    mods = m.get("modules", [])
    names = [x.get("name") if isinstance(x, dict) else x for x in mods]
    for name in PINNED:
        check(name in names, "module %s is built" % name)
    for mod in mods:
        if not isinstance(mod, dict) or mod.get("name") not in PINNED:
            continue
        for src in mod.get("sources", []):
            if src.get("type") in ("archive", "file"):
                check(re.fullmatch(r"[0-9a-f]{64}", src.get("sha256", "")),
                      "%s: %s is pinned by sha256" % (mod["name"], src.get("url")))
                check(src.get("url", "").startswith("https://"), "%s: source uses https" % mod["name"])
            elif src.get("type") == "git":
                check(re.fullmatch(r"[0-9a-f]{40}", src.get("commit", "")),
                      "%s: git source is pinned by commit" % mod["name"])

    last = mods[-1] if mods and isinstance(mods[-1], dict) else {}
    check(last.get("name") == "flexolab", "flexolab is the last module")
    check(last.get("buildsystem") == "meson", "flexolab builds with meson")
    check(any(s.get("type") == "dir" and s.get("path") == ".." for s in last.get("sources", [])),
          "flexolab is built from this source tree (dir ..)")

    print("1..%d" % len(checks))
    for i, (ok, what) in enumerate(checks, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, what))
    return 0 if all(ok for ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
