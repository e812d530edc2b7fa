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

G_END_DECLS
