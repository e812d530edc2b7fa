/* test-export.c: HDF5 and CSV export round trips.  A run written by `flexolab run cfr
 * --output` is read back with the HDF5 C API and compared with the same run made here in
 * memory; h5dump (hdf5-tools) must read it too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

#include "flx-export.h"
#include "flx-model.h"
#include "h5-check.h"

static const char *flexolab_bin;

/* Runs flexolab (or another program when args[0] is absolute) and returns its status;
 * stdout in *out if wanted. */
static int
spawn_sync (const char *const *args, char **out)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  if (args[0][0] != '/')
    g_ptr_array_add (argv, (char *) flexolab_bin);
  for (int i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "FLEXOLAB_MATERIALS", "/nonexistent", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  if (out != NULL)
    *out = text;
  else
    g_free (text);
  return g_subprocess_get_exit_status (proc);
}

/* The CLI's default cfr run, made in memory: the reference for the files. */
static FlxResult *
reference_run (double **values)
{
  const FlxModel *m = flx_model_find ("cfr");
  FlxResult *r = NULL;
  char err[256];

  *values = g_new0 (double, m->n_params + 1);
  flx_model_defaults (m, *values);
  g_assert_cmpint (flx_model_run (m, *values, FLX_QUALITY_FULL, &r, NULL, NULL, err, sizeof err),
                   ==, FLX_OK);
  return r;
}

/* The solver is deterministic (the elastic levels are split over threads, but each level
 * is summed by one thread in a fixed order), and HDF5 stores IEEE doubles as they are:
 * every value must come back bit for bit. */
static void
compare_file (const char *path, const FlxResult *r, const double *values)
{
  const FlxModel *m = r->model;
  hid_t f = H5Fopen (path, H5F_ACC_RDONLY, H5P_DEFAULT);
  int rank, n_datasets, expected = 0;
  hsize_t dims[2];
  size_t n;

  g_assert_cmpint (f, >=, 0);
  {
    g_autofree char *program = h5_str_attr (f, "program_name");
    g_autofree char *version = h5_str_attr (f, "program_version");
    g_autofree char *stamp = h5_str_attr (f, "file_time");
    g_autoptr (GDateTime) t = stamp ? g_date_time_new_from_iso8601 (stamp, NULL) : NULL;
    hid_t entry = H5Gopen2 (f, "/entry", H5P_DEFAULT);
    g_autofree char *model = h5_str_attr (entry, "model");
    g_autofree char *nx_class = h5_str_attr (entry, "NX_class");

    g_assert_cmpstr (program, ==, "flexolab");
    g_assert_nonnull (version);
    g_assert_nonnull (t); /* a valid ISO 8601 time */
    g_assert_cmpstr (model, ==, "cfr");
    g_assert_cmpstr (nx_class, ==, "NXentry");
    H5Gclose (entry);
  }

  for (size_t i = 0; i < m->n_params; i++)
    {
      const FlxParamSpec *p = &m->params[i];
      g_autofree char *path_p = g_strdup_printf ("/entry/parameters/%s", p->name);
      expected++;
      if (p->kind == FLX_PARAM_CHOICE)
        {
          hid_t ds = H5Dopen2 (f, path_p, H5P_DEFAULT);
          hid_t t = H5Tcopy (H5T_C_S1);
          char *s = NULL;
          H5Tset_size (t, H5T_VARIABLE);
          H5Tset_cset (t, H5T_CSET_UTF8);
          g_assert_cmpint (H5Dread (ds, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, &s), >=, 0);
          g_assert_cmpstr (s, ==, p->choices[(int) values[i]]);
          H5free_memory (s);
          H5Tclose (t);
          H5Dclose (ds);
        }
      else
        {
          g_autofree double *v = h5_read (f, path_p, &rank, dims, &n);
          g_assert_nonnull (v);
          g_assert_cmpint (rank, ==, 0);
          g_assert_cmpfloat (v[0], ==, values[i]);
        }
    }

  for (size_t i = 0; i < m->n_scalars; i++)
    {
      g_autofree char *path_s = g_strdup_printf ("/entry/scalars/%s", m->scalars[i].name);
      g_autofree double *v = h5_read (f, path_s, &rank, dims, &n);
      /* Written exactly when the run defined it. */
      g_assert_cmpint (v != NULL, ==, r->scalar_set[i]);
      if (v == NULL)
        continue;
      expected++;
      g_assert_cmpfloat (v[0], ==, r->scalars[i]);
    }

  for (size_t i = 0; i < m->n_series; i++)
    {
      const FlxSeries *se = &r->series[i];
      g_autofree char *px = g_strdup_printf ("/entry/series/%s/x", m->series[i].name);
      g_autofree char *py = g_strdup_printf ("/entry/series/%s/y", m->series[i].name);
      g_autofree double *x = h5_read (f, px, &rank, dims, &n);
      g_autofree double *y = NULL;

      g_assert_cmpint (x != NULL, ==, se->n > 0);
      if (x == NULL)
        continue;
      expected += 2;
      g_assert_cmpuint (n, ==, se->n);
      y = h5_read (f, py, &rank, dims, &n);
      g_assert_cmpuint (n, ==, se->n);
      g_assert_cmpmem (x, se->n * sizeof (double), se->x, se->n * sizeof (double));
      g_assert_cmpmem (y, se->n * sizeof (double), se->y, se->n * sizeof (double));
    }

  for (size_t i = 0; i < m->n_fields; i++)
    {
      const FlxField *fd = &r->fields[i];
      g_autofree char *pd = g_strdup_printf ("/entry/fields/%s/data", m->fields[i].name);
      g_autofree char *px = g_strdup_printf ("/entry/fields/%s/x", m->fields[i].name);
      g_autofree double *d = h5_read (f, pd, &rank, dims, &n);
      g_autofree double *x = NULL;
      hid_t ds, dcpl;

      g_assert_cmpint (d != NULL, ==, fd->data != NULL);
      if (d == NULL)
        continue;
      expected += 3;
      g_assert_cmpint (rank, ==, 2);
      g_assert_cmpuint (dims[0], ==, fd->ny);
      g_assert_cmpuint (dims[1], ==, fd->nx);
      g_assert_cmpmem (d, n * sizeof (double), fd->data, fd->nx * fd->ny * sizeof (double));
      x = h5_read (f, px, &rank, dims, &n);
      g_assert_cmpuint (n, ==, fd->nx);
      g_assert_cmpfloat (x[0], ==, fd->x0);
      g_assert_cmpfloat_with_epsilon (x[n - 1], fd->x1, 1e-12 * fabs (fd->x1 - fd->x0));
      /* Fields are chunked with shuffle and deflate (issue 9). */
      ds = H5Dopen2 (f, pd, H5P_DEFAULT);
      dcpl = H5Dget_create_plist (ds);
      g_assert_cmpint (H5Pget_layout (dcpl), ==, H5D_CHUNKED);
      g_assert_cmpint (H5Pget_nfilters (dcpl), ==, 2);
      H5Pclose (dcpl);
      H5Dclose (ds);
    }

  /* Nothing else, and every dataset has units and long_name. */
  n_datasets = h5_check_all_attrs (f);
  g_assert_cmpint (n_datasets, ==, expected);
  H5Fclose (f);
}

static void
test_hdf5_round_trip (void)
{
  g_autofree double *values = NULL;
  FlxResult *r = reference_run (&values);
  g_autofree char *dir = g_dir_make_tmp ("flexolab-export-XXXXXX", NULL);
  g_autofree char *cli_h5 = g_build_filename (dir, "cli.h5", NULL);
  g_autofree char *lib_h5 = g_build_filename (dir, "lib.h5", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (spawn_sync ((const char *[]) { "run", "cfr", "--quality", "full",
                                                  "--output", cli_h5, NULL }, NULL), ==, 0);
  compare_file (cli_h5, r, values);
  /* The same through the library call the GUI's export uses. */
  g_assert_true (flx_export_result (r, values, lib_h5, &error));
  g_assert_no_error (error);
  compare_file (lib_h5, r, values);
  flx_result_free (r);
  g_unlink (cli_h5);
  g_unlink (lib_h5);
  g_rmdir (dir);
}

/* h5dump, a reader that knows nothing of Flexolab, lists the groups of a run and of a
 * sweep file. */
static void
test_h5dump (void)
{
  g_autofree char *h5dump = g_find_program_in_path ("h5dump");
  g_autofree char *dir = NULL, *run = NULL, *sweep = NULL, *out = NULL, *out2 = NULL;

  if (h5dump == NULL)
    {
      g_test_skip ("h5dump not found (Debian package hdf5-tools); HDF5 read back with the C API only");
      return;
    }
  dir = g_dir_make_tmp ("flexolab-h5dump-XXXXXX", NULL);
  run = g_build_filename (dir, "run.h5", NULL);
  sweep = g_build_filename (dir, "sweep.h5", NULL);
  g_assert_cmpint (spawn_sync ((const char *[]) { "run", "cfr", "--quality", "fast",
                                                  "--output", run, NULL }, NULL), ==, 0);
  g_assert_cmpint (spawn_sync ((const char *[]) { h5dump, "-H", run, NULL }, &out), ==, 0);
  for (const char *const *g = (const char *const[]) { "entry", "parameters", "scalars", "series",
                                                      "fields", "strain_gradient_map", NULL };
       *g != NULL; g++)
    {
      g_autofree char *needle = g_strdup_printf ("GROUP \"%s\"", *g);
      g_assert_nonnull (strstr (out, needle));
    }
  g_assert_cmpint (spawn_sync ((const char *[]) { "sweep", "cfr", "--param", "bias", "--from",
                                                  "-0.5V", "--to", "0.5V", "--steps", "3",
                                                  "--quality", "fast", "--output", sweep, NULL },
                               NULL), ==, 0);
  g_assert_cmpint (spawn_sync ((const char *[]) { h5dump, "-H", sweep, NULL }, &out2), ==, 0);
  g_assert_nonnull (strstr (out2, "GROUP \"sweep\""));
  g_assert_nonnull (strstr (out2, "DATASET \"bias\""));
  g_assert_nonnull (strstr (out2, "ATTRIBUTE \"complete\""));
  /* cfr's defaults (15 uN on the 100 nm tip) are past linear elasticity: the run and every
   * point of the sweep carry the validity warning the CLI prints */
  g_assert_nonnull (strstr (out, "ATTRIBUTE \"warning\""));
  g_assert_nonnull (strstr (out2, "DATASET \"warning\""));
  g_unlink (run);
  g_unlink (sweep);
  g_rmdir (dir);
}

/* CSV: the header names every produced series' x and y with units, in table order, and
 * the rows hold the longest series; values round-trip exactly (g_ascii_dtostr). */
static void
test_csv_header (void)
{
  g_autofree double *values = NULL;
  FlxResult *r = reference_run (&values);
  const FlxModel *m = r->model;
  g_autofree char *dir = g_dir_make_tmp ("flexolab-csv-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "run.csv", NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) row = NULL;
  g_autoptr (GString) want = g_string_new (NULL);
  size_t rows = 0, first = G_MAXSIZE;

  g_assert_cmpint (spawn_sync ((const char *[]) { "run", "cfr", "--quality", "full",
                                                  "--output", csv, NULL }, NULL), ==, 0);
  for (size_t i = 0; i < m->n_series; i++)
    {
      const FlxSeriesSpec *s = &m->series[i];
      if (r->series[i].n == 0)
        continue;
      if (want->len > 0)
        g_string_append_c (want, ',');
      g_string_append_printf (want, "\"%s x (%s)\",", s->name, s->x_unit);
      if (s->y_unit[0])
        g_string_append_printf (want, "\"%s y (%s)\"", s->name, s->y_unit);
      else
        g_string_append_printf (want, "\"%s y\"", s->name);
      rows = MAX (rows, r->series[i].n);
      first = MIN (first, i);
    }
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, want->str);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + rows + 1); /* header, rows, final "" */
  row = g_strsplit (lines[1], ",", -1);
  g_assert_cmpfloat (g_ascii_strtod (row[0], NULL), ==, r->series[first].x[0]);
  g_assert_cmpfloat (g_ascii_strtod (row[1], NULL), ==, r->series[first].y[0]);
  flx_result_free (r);
  g_unlink (csv);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gsl_set_error_handler_off ();
  flexolab_bin = g_getenv ("FLEXOLAB_BIN");
  g_assert_nonnull (flexolab_bin);
  H5Eset_auto2 (H5E_DEFAULT, NULL, NULL);
  g_test_add_func ("/export/hdf5-round-trip", test_hdf5_round_trip);
  g_test_add_func ("/export/h5dump", test_h5dump);
  g_test_add_func ("/export/csv-header", test_csv_header);
  return g_test_run ();
}
