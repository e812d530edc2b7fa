/* flx-export.h: writing a model run to HDF5 (NeXus-style) or CSV, atomically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "flx-model.h"

G_BEGIN_DECLS

typedef enum {
  FLX_EXPORT_UNKNOWN,
  FLX_EXPORT_HDF5,
  FLX_EXPORT_CSV,
} FlxExportKind;

/* From the file name's extension: .h5/.hdf5/.nxs -> HDF5, .csv -> CSV. */
FlxExportKind flx_export_kind_for_path (const char *path);

/* Writes the run (parameters as run, scalars, series and fields) to path.  The file is
 * written to a temporary file in the same folder and renamed into place, so a failure
 * leaves no partial file and an existing file untouched. */
gboolean flx_export_result (const FlxResult *result, const double *values,
                            const char *path, GError **error);

/* The CSV text alone (series side by side, "name x (unit)" headers). */
char    *flx_export_csv_string (const FlxResult *result);

/* A parameter sweep (`flexolab sweep`), complete or interrupted: n_done results, in
 * plan order, of n_planned points.  Layout in docs/sweep-format.md. */
typedef struct {
  const FlxModel   *model;
  FlxQuality        quality;
  const double     *base_values; /* n_params: the fixed parameters */
  int               param;       /* index of the swept parameter */
  gboolean          log_spacing;
  double            from, to;    /* SI */
  size_t            n_planned, n_done;
  const size_t     *index;       /* n_done: each point's position in the plan */
  const double     *values;      /* n_done: the swept parameter's value */
  FlxResult *const *results;     /* n_done */
} FlxSweepData;

/* Writes the sweep to path (.h5 or .csv), atomically like flx_export_result; a sweep
 * with n_done < n_planned is marked incomplete. */
gboolean flx_export_sweep (const FlxSweepData *sweep, const char *path, GError **error);

/* The CSV text alone: one row per point, the swept parameter then every scalar. */
char    *flx_export_sweep_csv_string (const FlxSweepData *sweep);

G_END_DECLS
