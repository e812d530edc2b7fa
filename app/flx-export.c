/* flx-export.c: HDF5 and CSV export of a model run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HDF5 layout (NeXus-style, readable with h5py/h5dump/HDFView without custom code):
 *   /                      attrs: program_name, program_version, file_time (UTC ISO 8601)
 *   /entry                 NX_class=NXentry, model, title; `warning` when the run left
 *                          the model's range of validity (the text the CLI prints)
 *   /entry/parameters/<p>  scalar dataset (SI, or the choice name as a string)
 *   /entry/scalars/<s>     scalar dataset
 *   /entry/series/<s>/x,y  1D datasets
 *   /entry/fields/<f>/data 2D dataset [ny][nx], chunked + shuffle + deflate; x, y axes
 * Every dataset has `units` and `long_name` attributes (UTF-8 variable-length strings).
 * A parameter sweep (flx_export_sweep) uses the same groups with one entry per point;
 * its layout and CSV form are in docs/sweep-format.md.
 * The HDF5 library is not built thread-safe on Debian, so every call happens under one lock.
 */
#include "config.h"

#include "flx-export.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <hdf5.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

static GMutex hdf5_lock;

FlxExportKind
flx_export_kind_for_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".h5") || g_str_has_suffix (lower, ".hdf5") ||
      g_str_has_suffix (lower, ".nxs"))
    return FLX_EXPORT_HDF5;
  if (g_str_has_suffix (lower, ".csv"))
    return FLX_EXPORT_CSV;
  return FLX_EXPORT_UNKNOWN;
}

static void
append_csv_number (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append (s, g_ascii_dtostr (buf, sizeof buf, v));
}

static void
append_csv_header (GString *s, const char *name, const char *axis, const char *unit)
{
  /* Quote: names are ours, but units may one day hold commas. */
  g_string_append_printf (s, "\"%s %s%s%s%s\"", name, axis, unit[0] ? " (" : "", unit,
                          unit[0] ? ")" : "");
}

char *
flx_export_csv_string (const FlxResult *r)
{
  const FlxModel *m = r->model;
  GString *s = g_string_new (NULL);
  size_t rows = 0;
  gboolean first = TRUE;

  for (size_t i = 0; i < m->n_series; i++)
    {
      if (r->series[i].n == 0)
        continue;
      if (!first)
        g_string_append_c (s, ',');
      append_csv_header (s, m->series[i].name, "x", m->series[i].x_unit);
      g_string_append_c (s, ',');
      append_csv_header (s, m->series[i].name, "y", m->series[i].y_unit);
      rows = MAX (rows, r->series[i].n);
      first = FALSE;
    }
  g_string_append_c (s, '\n');
  for (size_t k = 0; k < rows; k++)
    {
      first = TRUE;
      for (size_t i = 0; i < m->n_series; i++)
        {
          const FlxSeries *se = &r->series[i];
          if (se->n == 0)
            continue;
          if (!first)
            g_string_append_c (s, ',');
          if (k < se->n)
            {
              append_csv_number (s, se->x[k]);
              g_string_append_c (s, ',');
              append_csv_number (s, se->y[k]);
            }
          else
            g_string_append_c (s, ',');
          first = FALSE;
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* --- HDF5 --------------------------------------------------------------------------- */

static hid_t
vlen_utf8_type (void)
{
  hid_t t = H5Tcopy (H5T_C_S1);
  H5Tset_size (t, H5T_VARIABLE);
  H5Tset_cset (t, H5T_CSET_UTF8);
  return t;
}

static gboolean
set_str_attr (hid_t obj, const char *name, const char *value)
{
  hid_t t = vlen_utf8_type ();
  hid_t sp = H5Screate (H5S_SCALAR);
  hid_t a = H5Acreate2 (obj, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
  herr_t st = -1;

  if (a >= 0)
    {
      st = H5Awrite (a, t, &value);
      H5Aclose (a);
    }
  H5Sclose (sp);
  H5Tclose (t);
  return st >= 0;
}

static hid_t
make_group (hid_t parent, const char *name, const char *nx_class)
{
  hid_t g = H5Gcreate2 (parent, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (g >= 0 && nx_class != NULL)
    set_str_attr (g, "NX_class", nx_class);
  return g;
}

static gboolean
write_dataset (hid_t parent, const char *name, const double *data, int rank,
               const hsize_t *dims, const char *units, const char *long_name, gboolean compress)
{
  hid_t sp = rank == 0 ? H5Screate (H5S_SCALAR) : H5Screate_simple (rank, dims, NULL);
  hid_t dcpl = H5Pcreate (H5P_DATASET_CREATE);
  hid_t ds;
  gboolean ok = FALSE;

  if (compress && rank > 0)
    {
      hsize_t chunk[2];
      for (int i = 0; i < rank; i++)
        chunk[i] = MIN (dims[i], (hsize_t) 256);
      H5Pset_chunk (dcpl, rank, chunk);
      H5Pset_shuffle (dcpl);
      H5Pset_deflate (dcpl, 4);
    }
  ds = H5Dcreate2 (parent, name, H5T_IEEE_F64LE, sp, H5P_DEFAULT, dcpl, H5P_DEFAULT);
  if (ds >= 0)
    {
      ok = H5Dwrite (ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0;
      ok = ok && set_str_attr (ds, "units", units ? units : "");
      ok = ok && set_str_attr (ds, "long_name", long_name ? long_name : name);
      H5Dclose (ds);
    }
  H5Pclose (dcpl);
  H5Sclose (sp);
  return ok;
}

static gboolean
write_string_dataset (hid_t parent, const char *name, const char *value, const char *long_name)
{
  hid_t t = vlen_utf8_type ();
  hid_t sp = H5Screate (H5S_SCALAR);
  hid_t ds = H5Dcreate2 (parent, name, t, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  gboolean ok = FALSE;

  if (ds >= 0)
    {
      ok = H5Dwrite (ds, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value) >= 0;
      ok = ok && set_str_attr (ds, "units", "");
      ok = ok && set_str_attr (ds, "long_name", long_name);
      H5Dclose (ds);
    }
  H5Sclose (sp);
  H5Tclose (t);
  return ok;
}

/* /entry/parameters: every parameter but `skip` (the swept one, or -1). */
static gboolean
write_parameters (hid_t entry, const FlxModel *m, const double *values, int skip)
{
  hid_t g = make_group (entry, "parameters", "NXparameters");
  gboolean ok = g >= 0;

  for (size_t i = 0; ok && i < m->n_params; i++)
    {
      const FlxParamSpec *p = &m->params[i];
      if ((int) i == skip)
        continue;
      if (p->kind == FLX_PARAM_CHOICE)
        ok &= write_string_dataset (g, p->name, p->choices[(int) values[i]], p->label);
      else
        ok &= write_dataset (g, p->name, &values[i], 0, NULL, p->unit, p->label, FALSE);
    }
  if (g >= 0)
    H5Gclose (g);
  return ok;
}

/* The file with its root attributes and /entry describing the model; f and entry are
 * returned open (entry < 0 on failure). */
static hid_t
create_file (const char *path, const FlxModel *m, FlxQuality quality, hid_t *entry)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  hid_t f = H5Fcreate (path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  gboolean ok = TRUE;

  *entry = -1;
  if (f < 0)
    return f;
  ok &= set_str_attr (f, "program_name", "flexolab");
  ok &= set_str_attr (f, "program_version", PACKAGE_VERSION);
  ok &= set_str_attr (f, "file_time", stamp);
  ok &= set_str_attr (f, "NX_class", "NXroot");
  *entry = make_group (f, "entry", "NXentry");
  if (*entry >= 0)
    {
      ok &= set_str_attr (*entry, "model", m->id);
      ok &= set_str_attr (*entry, "title", m->title);
      ok &= set_str_attr (*entry, "source", m->source);
      ok &= set_str_attr (*entry, "quality", quality == FLX_QUALITY_FULL ? "full" : "fast");
    }
  if (!ok && *entry >= 0)
    {
      H5Gclose (*entry);
      *entry = -1;
    }
  return f;
}

static gboolean
write_hdf5 (const FlxResult *r, const double *values, const char *path)
{
  const FlxModel *m = r->model;
  hid_t f, entry, g, sub;
  gboolean ok = TRUE;

  f = create_file (path, m, r->quality, &entry);
  if (f < 0)
    return FALSE;
  ok &= entry >= 0;
  if (entry >= 0)
    {

      if (r->warning[0])
        ok &= set_str_attr (entry, "warning", r->warning);
      ok &= write_parameters (entry, m, values, -1);

      g = make_group (entry, "scalars", "NXcollection");
      for (size_t i = 0; g >= 0 && i < m->n_scalars; i++)
        if (r->scalar_set[i])
          ok &= write_dataset (g, m->scalars[i].name, &r->scalars[i], 0, NULL,
                               m->scalars[i].unit, m->scalars[i].label, FALSE);
      if (g >= 0)
        H5Gclose (g);

      g = make_group (entry, "series", "NXcollection");
      for (size_t i = 0; g >= 0 && i < m->n_series; i++)
        {
          const FlxSeriesSpec *s = &m->series[i];
          hsize_t n = r->series[i].n;
          if (n == 0)
            continue;
          sub = make_group (g, s->name, "NXdata");
          if (sub < 0)
            {
              ok = FALSE;
              continue;
            }
          set_str_attr (sub, "signal", "y");
          set_str_attr (sub, "axes", "x");
          set_str_attr (sub, "long_name", s->label);
          ok &= write_dataset (sub, "x", r->series[i].x, 1, &n, s->x_unit, s->x_label, FALSE);
          ok &= write_dataset (sub, "y", r->series[i].y, 1, &n, s->y_unit, s->y_label, FALSE);
          H5Gclose (sub);
        }
      if (g >= 0)
        H5Gclose (g);

      g = make_group (entry, "fields", "NXcollection");
      for (size_t i = 0; g >= 0 && i < m->n_fields; i++)
        {
          const FlxFieldSpec *fs = &m->fields[i];
          const FlxField *fd = &r->fields[i];
          hsize_t dims[2] = { fd->ny, fd->nx };
          g_autofree double *xs = NULL, *ys = NULL;

          if (fd->data == NULL)
            continue;
          sub = make_group (g, fs->name, "NXdata");
          if (sub < 0)
            {
              ok = FALSE;
              continue;
            }
          set_str_attr (sub, "signal", "data");
          set_str_attr (sub, "long_name", fs->label);
          xs = g_new (double, fd->nx);
          ys = g_new (double, fd->ny);
          for (size_t k = 0; k < fd->nx; k++)
            xs[k] = fd->nx > 1 ? fd->x0 + (fd->x1 - fd->x0) * k / (fd->nx - 1) : fd->x0;
          for (size_t k = 0; k < fd->ny; k++)
            ys[k] = fd->ny > 1 ? fd->y0 + (fd->y1 - fd->y0) * k / (fd->ny - 1) : fd->y0;
          ok &= write_dataset (sub, "data", fd->data, 2, dims, fs->unit, fs->label, TRUE);
          ok &= write_dataset (sub, "x", xs, 1, &dims[1], "m", fs->x_label, FALSE);
          ok &= write_dataset (sub, "y", ys, 1, &dims[0], "m", fs->y_label, FALSE);
          H5Gclose (sub);
        }
      if (g >= 0)
        H5Gclose (g);
      H5Gclose (entry);
    }
  ok &= H5Fclose (f) >= 0;
  return ok;
}

static char *
temp_path_for (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);
  char *tmp = g_build_filename (dir, tmpl, NULL);
  int fd = g_mkstemp_full (tmp, O_RDWR, 0666); /* umask applies, like any new file */

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write in folder '%s': %s"), dir, g_strerror (saved));
      g_free (tmp);
      return NULL;
    }
  close (fd);
  return tmp;
}

/* Writes through a temporary file in the same folder renamed into place: the CSV text
 * from csv_fn, or the HDF5 file from h5_fn (under the HDF5 lock). */
static gboolean
export_atomic (const char *path, char *(*csv_fn) (const void *data),
               gboolean (*h5_fn) (const void *data, const char *tmp), const void *data,
               GError **error)
{
  FlxExportKind kind = flx_export_kind_for_path (path);
  g_autofree char *tmp = NULL;
  gboolean ok;

  if (kind == FLX_EXPORT_UNKNOWN)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("Unknown output format for '%s': use .h5 (HDF5) or .csv"), path);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, _("'%s' is a folder"), path);
      return FALSE;
    }
  tmp = temp_path_for (path, error);
  if (tmp == NULL)
    return FALSE;

  if (kind == FLX_EXPORT_CSV)
    {
      g_autofree char *csv = csv_fn (data);
      ok = g_file_set_contents (tmp, csv, -1, error);
    }
  else
    {
      g_mutex_lock (&hdf5_lock);
      H5Eset_auto2 (H5E_DEFAULT, NULL, NULL); /* errors come back as return values */
      ok = h5_fn (data, tmp);
      g_mutex_unlock (&hdf5_lock);
      if (!ok)
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                     _("Writing HDF5 file '%s' failed (disk full or not writable?)"), path);
    }
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot save '%s': %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

typedef struct {
  const FlxResult *result;
  const double    *values;
} RunData;

static char *
run_csv (const void *data)
{
  return flx_export_csv_string (((const RunData *) data)->result);
}

static gboolean
run_hdf5 (const void *data, const char *tmp)
{
  const RunData *d = data;
  return write_hdf5 (d->result, d->values, tmp);
}

gboolean
flx_export_result (const FlxResult *result, const double *values, const char *path,
                   GError **error)
{
  RunData d = { result, values };
  return export_atomic (path, run_csv, run_hdf5, &d, error);
}

/* --- parameter sweeps (docs/sweep-format.md) ---------------------------------------- */

static gboolean
set_int_attr (hid_t obj, const char *name, long long value)
{
  hid_t sp = H5Screate (H5S_SCALAR);
  hid_t a = H5Acreate2 (obj, name, H5T_STD_I64LE, sp, H5P_DEFAULT, H5P_DEFAULT);
  herr_t st = -1;

  if (a >= 0)
    {
      st = H5Awrite (a, H5T_NATIVE_LLONG, &value);
      H5Aclose (a);
    }
  H5Sclose (sp);
  return st >= 0;
}

/* A 1-D integer dataset (point indices, series lengths) with units and long_name. */
static gboolean
write_index_dataset (hid_t parent, const char *name, const long long *data, hsize_t n,
                     const char *long_name)
{
  hid_t sp = H5Screate_simple (1, &n, NULL);
  hid_t ds = H5Dcreate2 (parent, name, H5T_STD_I64LE, sp, H5P_DEFAULT, H5P_DEFAULT,
                         H5P_DEFAULT);
  gboolean ok = FALSE;

  if (ds >= 0)
    {
      ok = H5Dwrite (ds, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0;
      ok = ok && set_str_attr (ds, "units", "");
      ok = ok && set_str_attr (ds, "long_name", long_name);
      H5Dclose (ds);
    }
  H5Sclose (sp);
  return ok;
}

/* /entry/series/<name>: x and y as [points][longest] (NaN after a point's own length)
 * and `length` [points]. */
static gboolean
write_sweep_series (hid_t g, const FlxSweepData *sw, size_t si)
{
  const FlxSeriesSpec *spec = &sw->model->series[si];
  size_t n = sw->n_done, len = 0;
  g_autofree double *x = NULL, *y = NULL;
  g_autofree long long *lengths = g_new0 (long long, n + 1);
  hsize_t dims[2];
  gboolean ok = TRUE;
  hid_t sub;

  for (size_t k = 0; k < n; k++)
    len = MAX (len, sw->results[k]->series[si].n);
  if (len == 0)
    return TRUE; /* no point produced this series */
  x = g_new (double, n * len);
  y = g_new (double, n * len);
  for (size_t k = 0; k < n; k++)
    {
      const FlxSeries *se = &sw->results[k]->series[si];
      lengths[k] = (long long) se->n;
      for (size_t j = 0; j < len; j++)
        {
          x[k * len + j] = j < se->n ? se->x[j] : NAN;
          y[k * len + j] = j < se->n ? se->y[j] : NAN;
        }
    }
  dims[0] = n;
  dims[1] = len;
  sub = make_group (g, spec->name, "NXdata");
  if (sub < 0)
    return FALSE;
  ok &= set_str_attr (sub, "signal", "y");
  ok &= set_str_attr (sub, "axes", "x");
  ok &= set_str_attr (sub, "long_name", spec->label);
  ok &= write_dataset (sub, "x", x, 2, dims, spec->x_unit, spec->x_label, TRUE);
  ok &= write_dataset (sub, "y", y, 2, dims, spec->y_unit, spec->y_label, TRUE);
  ok &= write_index_dataset (sub, "length", lengths, n, "Points of the series at each sweep point");
  H5Gclose (sub);
  return ok;
}

/* /entry/sweep/warning: one string per point, "" where the run stayed valid. */
static gboolean
write_warnings (hid_t g, const FlxSweepData *sw)
{
  hsize_t n = sw->n_done;
  g_autofree const char **text = g_new (const char *, n + 1);
  hid_t t = vlen_utf8_type ();
  hid_t sp = H5Screate_simple (1, &n, NULL);
  hid_t ds = H5Dcreate2 (g, "warning", t, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  gboolean ok = FALSE;

  for (size_t k = 0; k < n; k++)
    text[k] = sw->results[k]->warning;
  if (ds >= 0)
    {
      ok = n == 0 || H5Dwrite (ds, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, text) >= 0;
      ok = ok && set_str_attr (ds, "units", "");
      ok = ok && set_str_attr (ds, "long_name", "Validity warning of the point (empty: none)");
      H5Dclose (ds);
    }
  H5Sclose (sp);
  H5Tclose (t);
  return ok;
}

static gboolean
write_sweep_hdf5 (const void *data, const char *path)
{
  const FlxSweepData *sw = data;
  const FlxModel *m = sw->model;
  const FlxParamSpec *p = &m->params[sw->param];
  hsize_t n = sw->n_done;
  g_autofree double *col = g_new (double, n + 1);
  g_autofree long long *index = g_new (long long, n + 1);
  hid_t f, entry, g;
  gboolean ok = TRUE;

  f = create_file (path, m, sw->quality, &entry);
  if (f < 0)
    return FALSE;
  ok &= entry >= 0;
  if (entry >= 0)
    {
      ok &= set_int_attr (entry, "complete", sw->n_done == sw->n_planned);
      ok &= set_int_attr (entry, "points_done", (long long) sw->n_done);
      ok &= set_int_attr (entry, "points_planned", (long long) sw->n_planned);

      g = make_group (entry, "sweep", "NXcollection");
      ok &= g >= 0;
      if (g >= 0)
        {
          ok &= set_str_attr (g, "parameter", p->name);
          ok &= set_str_attr (g, "spacing", sw->log_spacing ? "log" : "linear");
          ok &= write_dataset (g, p->name, sw->values, 1, &n, p->unit, p->label, FALSE);
          for (size_t k = 0; k < n; k++)
            index[k] = (long long) sw->index[k];
          ok &= write_index_dataset (g, "index", index, n, "Position of the point in the sweep plan");
          ok &= write_dataset (g, "from", &sw->from, 0, NULL, p->unit, "First planned value", FALSE);
          ok &= write_dataset (g, "to", &sw->to, 0, NULL, p->unit, "Last planned value", FALSE);
          ok &= write_warnings (g, sw);
          H5Gclose (g);
        }

      ok &= write_parameters (entry, m, sw->base_values, sw->param);

      g = make_group (entry, "scalars", "NXcollection");
      ok &= g >= 0;
      for (size_t i = 0; g >= 0 && i < m->n_scalars; i++)
        {
          for (size_t k = 0; k < n; k++)
            col[k] = sw->results[k]->scalar_set[i] ? sw->results[k]->scalars[i] : NAN;
          ok &= write_dataset (g, m->scalars[i].name, col, 1, &n, m->scalars[i].unit,
                               m->scalars[i].label, FALSE);
        }
      if (g >= 0)
        H5Gclose (g);

      g = make_group (entry, "series", "NXcollection");
      ok &= g >= 0;
      for (size_t i = 0; g >= 0 && i < m->n_series; i++)
        ok &= write_sweep_series (g, sw, i);
      if (g >= 0)
        H5Gclose (g);
      H5Gclose (entry);
    }
  ok &= H5Fclose (f) >= 0;
  return ok;
}

static void
append_csv_name (GString *s, const char *name, const char *unit)
{
  g_string_append_printf (s, "\"%s%s%s%s\"", name, unit[0] ? " (" : "", unit, unit[0] ? ")" : "");
}

char *
flx_export_sweep_csv_string (const FlxSweepData *sw)
{
  const FlxModel *m = sw->model;
  const FlxParamSpec *p = &m->params[sw->param];
  GString *s = g_string_new (NULL);

  /* First, so that a reader cannot miss it; pandas skips it with comment='#'. */
  if (sw->n_done < sw->n_planned)
    g_string_append_printf (s, "# incomplete: %zu of %zu points\n", sw->n_done, sw->n_planned);
  append_csv_name (s, p->name, p->unit);
  for (size_t i = 0; i < m->n_scalars; i++)
    {
      g_string_append_c (s, ',');
      append_csv_name (s, m->scalars[i].name, m->scalars[i].unit);
    }
  g_string_append_c (s, '\n');
  for (size_t k = 0; k < sw->n_done; k++)
    {
      const FlxResult *r = sw->results[k];
      append_csv_number (s, sw->values[k]);
      for (size_t i = 0; i < m->n_scalars; i++)
        {
          g_string_append_c (s, ',');
          if (r->scalar_set[i]) /* an undefined scalar stays an empty cell */
            append_csv_number (s, r->scalars[i]);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static char *
sweep_csv (const void *data)
{
  return flx_export_sweep_csv_string (data);
}

gboolean
flx_export_sweep (const FlxSweepData *sweep, const char *path, GError **error)
{
  return export_atomic (path, sweep_csv, write_sweep_hdf5, sweep, error);
}
