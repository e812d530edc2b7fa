/* flx-bench-gui.h: the hidden `flexolab --bench-gui` mode (issue 10): measures start-up,
 * scripted slider drags, idle cost and memory of the real window and prints one JSON
 * object on stdout.  flexolab-bench runs it and merges the object as "gui".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct {
  int    steps;  /* slider changes per drag, one per frame (>= 2) */
  double idle_s; /* seconds of idle measured on each page (> 0) */
} FlxBenchGuiOptions;

/* Registers `app` (which runs its startup), opens a window and runs the whole benchmark
 * by iterating the default main context; returns the process exit status: 0 when every
 * phase completed (targets met or not, the JSON says), 1 when one timed out. */
int flx_bench_gui_run (GApplication *app, const FlxBenchGuiOptions *options);

G_END_DECLS
