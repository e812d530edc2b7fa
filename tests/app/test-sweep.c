/* test-sweep.c: `flexolab sweep` as a user scripts it: file lengths, values against
 * single runs, spacing, Ctrl+C, and bad input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gsl/gsl_errno.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <string.h>

#include "flx-model.h"
#include "flx-sweep.h"
#include "h5-check.h"

static const char *flexolab_bin;

typedef struct {
  int   status;
  char *out, *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

static GSubprocess *
spawn (const char *const *args, GError **error)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_ptr_array_add (argv, (char *) flexolab_bin);
  for (int i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "FLEXOLAB_MATERIALS", "/nonexistent", TRUE);
  return g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, error);
}

static Run
run_cli (const char *const *args)
{
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  GBytes *out = NULL, *err = NULL;
  Run r = { -1, NULL, NULL };

  proc = spawn (args, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc)); /* never a crash */
  r.status = g_subprocess_get_exit_status (proc);
  r.out = g_strndup (g_bytes_get_size (out) ? g_bytes_get_data (out, NULL) : "",
                     g_bytes_get_size (out));
  r.err = g_strndup (g_bytes_get_size (err) ? g_bytes_get_data (err, NULL) : "",
                     g_bytes_get_size (err));
  g_bytes_unref (out);
  g_bytes_unref (err);
  return r;
}

/* A fresh folder; rm_dir checks that no temporary (".name.XXXXXX") was left in it. */
static char *
make_dir (void)
{
  char *dir = g_dir_make_tmp ("flexolab-sweep-XXXXXX", NULL);
  g_assert_nonnull (dir);
  return dir;
}

static void
rm_dir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_assert_false (name[0] == '.'); /* no temporary left over */
      g_unlink (p);
    }
  g_dir_close (d);
  g_rmdir (dir);
}

/* CSV lines without the optional "# incomplete" line; *comment gets it (or NULL). */
static char **
csv_lines (const char *path, char **comment)
{
  g_autofree char *text = NULL;
  char **lines;
  guint n;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (lines[n - 1], ==, ""); /* ends with a newline */
  g_free (lines[n - 1]);
  lines[n - 1] = NULL;
  if (comment != NULL)
    *comment = NULL;
  if (lines[0][0] == '#')
    {
      char **rest = g_strdupv (lines + 1);
      g_assert_nonnull (comment);
      *comment = g_strdup (lines[0]);
      g_strfreev (lines);
      lines = rest;
    }
  return lines;
}

static double
cell (const char *line, guint column)
{
  g_auto (GStrv) cells = g_strsplit (line, ",", -1);
  char *end;
  double v;

  g_assert_cmpuint (column, <, g_strv_length (cells));
  v = g_ascii_strtod (cells[column], &end);
  g_assert_true (end != cells[column] && *end == '\0');
  return v;
}

/* CSV: a header with the swept parameter and every cfr scalar, with units, then one row per
 * point; the first column runs linearly from --from to --to. */
static void
test_csv_length (void)
{
  const FlxModel *m = flx_model_find ("cfr");
  g_autofree char *dir = make_dir ();
  g_autofree char *csv = g_build_filename (dir, "sweep.csv", NULL);
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) header = NULL;
  Run r = run_cli ((const char *[]) { "sweep", "cfr", "--param", "force", "--from", "1uN",
                                      "--to", "25uN", "--steps", "7", "--quality", "fast",
                                      "--output", csv, NULL });

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "point 7/7\n")); /* not a TTY: plain lines */
  /* Strains of several percent under the tip (issue 9's validity warnings): reported once
   * for the sweep, not once per point. */
  g_assert_nonnull (strstr (r.err, " of 7 points, first at force = "));
  g_assert_null (strstr (strstr (r.err, "warning at ") + 1, "warning at "));
  run_clear (&r);
  lines = csv_lines (csv, NULL);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 7);
  header = g_strsplit (lines[0], ",", -1);
  g_assert_cmpuint (g_strv_length (header), ==, 1 + m->n_scalars);
  g_assert_cmpstr (header[0], ==, "\"force (N)\"");
  for (size_t i = 0; i < m->n_scalars; i++)
    {
      g_autofree char *want = m->scalars[i].unit[0]
                                ? g_strdup_printf ("\"%s (%s)\"", m->scalars[i].name, m->scalars[i].unit)
                                : g_strdup_printf ("\"%s\"", m->scalars[i].name);
      g_assert_cmpstr (header[1 + i], ==, want);
    }
  /* Points 1e-6 + k * 4e-6 N; rounding in the unit conversion and the step: ~1e-16. */
  for (int k = 0; k < 7; k++)
    g_assert_cmpfloat_with_epsilon (cell (lines[1 + k], 0), 1e-6 + k * 4e-6, 1e-18);
  rm_dir (dir);
}

/* HDF5: every scalar a dataset over the N points, every series [N][length], complete=1. */
static void
test_h5_length (void)
{
  const FlxModel *m = flx_model_find ("lsmo");
  g_autofree char *dir = make_dir ();
  g_autofree char *h5 = g_build_filename (dir, "sweep.h5", NULL);
  const int N = 5;
  hid_t f, entry;
  int rank, n_series = 0;
  hsize_t dims[2];
  size_t n;
  Run r = run_cli ((const char *[]) { "sweep", "lsmo", "--param", "t_substrate", "--from",
                                      "60K", "--to", "330K", "--steps", "5", "--quality",
                                      "fast", "--output", h5, NULL });

  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  f = H5Fopen (h5, H5F_ACC_RDONLY, H5P_DEFAULT);
  g_assert_cmpint (f, >=, 0);
  entry = H5Gopen2 (f, "/entry", H5P_DEFAULT);
  g_assert_cmpint (h5_int_attr (entry, "complete"), ==, 1);
  g_assert_cmpint (h5_int_attr (entry, "points_done"), ==, N);
  g_assert_cmpint (h5_int_attr (entry, "points_planned"), ==, N);
  H5Gclose (entry);
  {
    g_autofree double *t = h5_read (f, "/entry/sweep/t_substrate", &rank, dims, &n);
    g_assert_nonnull (t);
    g_assert_cmpuint (n, ==, N);
    for (int k = 0; k < N; k++) /* 60 K + k * 67.5 K, exact in binary */
      g_assert_cmpfloat (t[k], ==, 60 + 67.5 * k);
  }
  for (size_t i = 0; i < m->n_scalars; i++)
    {
      g_autofree char *path = g_strdup_printf ("/entry/scalars/%s", m->scalars[i].name);
      g_autofree double *v = h5_read (f, path, &rank, dims, &n);
      g_assert_nonnull (v);
      g_assert_cmpint (rank, ==, 1);
      g_assert_cmpuint (n, ==, N);
    }
  for (size_t i = 0; i < m->n_series; i++)
    {
      g_autofree char *px = g_strdup_printf ("/entry/series/%s/x", m->series[i].name);
      g_autofree char *py = g_strdup_printf ("/entry/series/%s/y", m->series[i].name);
      g_autofree double *x = h5_read (f, px, &rank, dims, &n);
      g_autofree double *y = NULL;
      if (x == NULL)
        continue; /* a series no point produced */
      g_assert_cmpint (rank, ==, 2);
      g_assert_cmpuint (dims[0], ==, N);
      y = h5_read (f, py, &rank, dims, &n);
      g_assert_nonnull (y);
      g_assert_cmpuint (dims[0], ==, N);
      n_series++;
    }
  g_assert_cmpint (n_series, >, 0);
  /* The swept parameter is in /entry/sweep, the fixed ones in /entry/parameters. */
  g_assert_cmpint (H5Lexists (f, "/entry/parameters/t_substrate", H5P_DEFAULT), ==, 0);
  g_assert_cmpint (H5Lexists (f, "/entry/parameters/nx", H5P_DEFAULT), >, 0);
  g_assert_cmpint (h5_check_all_attrs (f), >, (int) m->n_scalars);
  H5Fclose (f);
  rm_dir (dir);
}

/* Each sweep point equals a single `flexolab run` at that value.  JSON prints 15
 * significant digits (flx_json_number), so agreement is to 5e-15 relative; 1e-14 allowed.
 * lsmo runs on two threads at once, which also checks the solvers are re-entrant. */
static void
check_matches_run (const char *model, const char *param, const char *from, const char *to)
{
  const FlxModel *m = flx_model_find (model);
  g_autofree char *dir = make_dir ();
  g_autofree char *csv = g_build_filename (dir, "sweep.csv", NULL);
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) header = NULL;
  Run r = run_cli ((const char *[]) { "sweep", model, "--param", param, "--from", from,
                                      "--to", to, "--steps", "4", "--threads", "2",
                                      "--quality", "fast", "--output", csv, NULL });

  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  lines = csv_lines (csv, NULL);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  header = g_strsplit (lines[0], ",", -1);
  for (int k = 1; k <= 4; k++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[k], ",", -1);
      g_autofree char *set = g_strdup_printf ("%s=%s", param, cells[0]);
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *scalars;
      int compared = 0;

      r = run_cli ((const char *[]) { "run", model, "--set", set, "--quality", "fast", "--json", NULL });
      g_assert_cmpint (r.status, ==, 0);
      g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
      scalars = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                               "scalars");
      for (size_t i = 0; i < m->n_scalars; i++)
        {
          const char *name = m->scalars[i].name;
          gboolean in_run = json_object_has_member (scalars, name);
          /* Defined in the sweep exactly when the single run defines it. */
          g_assert_cmpint (in_run, ==, cells[1 + i][0] != '\0');
          if (in_run)
            {
              double a = json_object_get_double_member (scalars, name);
              double b = cell (lines[k], 1 + i);
              g_assert_cmpfloat (fabs (a - b), <=, 1e-14 * fabs (b));
              compared++;
            }
        }
      g_assert_cmpint (compared, >, 0);
      run_clear (&r);
    }
  rm_dir (dir);
}

static void
test_matches_run (void)
{
  check_matches_run ("cfr", "force", "2uN", "26uN");
  check_matches_run ("lsmo", "t_substrate", "80K", "320K");
}

/* --log: equal ratios; 1 to 16 µN in 5 points is 1, 2, 4, 8, 16 µN.  exp/log round-off
 * is a few ulp: 1e-14 relative. */
static void
test_log_spacing (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *csv = g_build_filename (dir, "log.csv", NULL);
  g_auto (GStrv) lines = NULL;
  Run r = run_cli ((const char *[]) { "sweep", "cfr", "--param", "force", "--from", "1uN",
                                      "--to", "16 µN", "--steps", "5", "--log", "--quality",
                                      "fast", "--output", csv, NULL });

  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  lines = csv_lines (csv, NULL);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  for (int k = 0; k < 5; k++)
    {
      double want = 1e-6 * (1 << k);
      g_assert_cmpfloat (fabs (cell (lines[1 + k], 0) - want), <=, 1e-14 * want);
    }
  rm_dir (dir);
}

/* Ctrl+C: a slow sweep (lsmo at full quality, ~1 s per point here) gets SIGINT after its
 * first point; it exits 130 and leaves a valid file of the points done, marked. */
static void
interrupt_sweep (const char *out_path, int *points_done)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) proc =
    spawn ((const char *[]) { "sweep", "lsmo", "--param", "t_substrate", "--from", "60K",
                              "--to", "330K", "--steps", "40", "--threads", "2",
                              "--output", out_path, NULL }, &error);
  g_autoptr (GDataInputStream) in = NULL;
  g_autoptr (GString) err = g_string_new (NULL);
  char *line;

  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stderr_pipe (proc));
  while ((line = g_data_input_stream_read_line (in, NULL, NULL, &error)) != NULL)
    {
      gboolean first = strcmp (line, "point 1/40") == 0;
      g_string_append_printf (err, "%s\n", line);
      g_free (line);
      if (first)
        break;
    }
  g_assert_no_error (error);
  g_assert_nonnull (strstr (err->str, "point 1/40"));
  g_subprocess_send_signal (proc, SIGINT);
  while ((line = g_data_input_stream_read_line (in, NULL, NULL, &error)) != NULL)
    {
      g_string_append_printf (err, "%s\n", line);
      g_free (line);
    }
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err->str);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 130);
  g_assert_nonnull (strstr (err->str, "interrupted"));
  /* The points reported done before the signal are in the file; 40 cannot all be. */
  *points_done = 0;
  for (int k = 1; k <= 40; k++)
    {
      g_autofree char *p = g_strdup_printf ("point %d/40\n", k);
      if (strstr (err->str, p) != NULL)
        *points_done = k;
    }
  g_assert_cmpint (*points_done, >=, 1);
  g_assert_cmpint (*points_done, <, 40);
}

static void
test_interrupt (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *h5 = g_build_filename (dir, "partial.h5", NULL);
  g_autofree char *csv = g_build_filename (dir, "partial.csv", NULL);
  g_autofree char *comment = NULL, *want = NULL;
  g_auto (GStrv) lines = NULL;
  int done, rank;
  hsize_t dims[2];
  size_t n;
  hid_t f, entry;

  interrupt_sweep (h5, &done);
  f = H5Fopen (h5, H5F_ACC_RDONLY, H5P_DEFAULT);
  g_assert_cmpint (f, >=, 0);
  entry = H5Gopen2 (f, "/entry", H5P_DEFAULT);
  g_assert_cmpint (h5_int_attr (entry, "complete"), ==, 0);
  g_assert_cmpint (h5_int_attr (entry, "points_done"), ==, done);
  g_assert_cmpint (h5_int_attr (entry, "points_planned"), ==, 40);
  H5Gclose (entry);
  {
    g_autofree double *t = h5_read (f, "/entry/sweep/t_substrate", &rank, dims, &n);
    g_autofree double *v = h5_read (f, "/entry/scalars/threshold_voltage", &rank, dims, &n);
    g_autofree double *index = h5_read (f, "/entry/sweep/index", &rank, dims, &n);
    g_assert_cmpuint (n, ==, (size_t) done);
    /* Two workers: the point that finished first need not be point 0 (the other one may
     * have been cancelled), so each value is checked against its own plan index:
     * 60 K + index * 270 K / 39, to rounding. */
    for (int k = 0; k < done; k++)
      {
        g_assert_true (k == 0 || index[k] > index[k - 1]);
        g_assert_cmpfloat_with_epsilon (t[k], 60.0 + index[k] * 270.0 / 39.0, 1e-12);
        g_assert_true (isfinite (v[k]));
      }
  }
  h5_check_all_attrs (f);
  H5Fclose (f);
  /* An independent reader too, when installed (Debian package hdf5-tools). */
  {
    g_autofree char *h5dump = g_find_program_in_path ("h5dump");
    g_autofree char *out = NULL;
    int status = -1;
    if (h5dump != NULL)
      {
        const char *argv_dump[] = { h5dump, "-H", h5, NULL };
        g_assert_true (g_spawn_sync (NULL, (char **) argv_dump, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                     NULL, NULL, &out, NULL, &status, NULL));
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        g_assert_nonnull (strstr (out, "ATTRIBUTE \"complete\""));
      }
    else
      g_test_message ("h5dump not found: partial file checked with the C API only");
  }

  interrupt_sweep (csv, &done);
  lines = csv_lines (csv, &comment);
  want = g_strdup_printf ("# incomplete: %d of 40 points", done);
  g_assert_cmpstr (comment, ==, want);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + (guint) done);
  rm_dir (dir);
}

/* Bad input: exit 2 (1 for a failing point) with a message naming the problem and, for
 * values, the allowed range; nothing on stdout and no file. */
typedef struct {
  const char *args[20];
  int         status;
  const char *needle;
} BadCase;

#define SW "sweep", "cfr", "--quality", "fast"
static const BadCase bad_cases[] = {
  { { SW, "--param", "nosuch", "--from", "1", "--to", "2", "--steps", "3", "-o", "@" }, 2, "nosuch" },
  /* The message lists what can be swept: cfr's number parameters, not its choices. */
  { { SW, "--param", "nosuch", "--from", "1", "--to", "2", "--steps", "3", "-o", "@" }, 2,
    "tip_radius, force, thickness, f_eff, eps_r, bandgap, phi0, bias\n" },
  { { SW, "--param", "material", "--from", "0", "--to", "2", "--steps", "3", "-o", "@" }, 2, "SrTiO3" },
  { { SW, "--param", "valence_band", "--from", "0", "--to", "1", "--steps", "3", "-o", "@" }, 2, "only number" },
  { { SW, "--param", "force", "--from", "1uN", "--to", "2uN", "--steps", "1", "-o", "@" }, 2, "--steps" },
  { { SW, "--param", "force", "--from", "1uN", "--to", "2uN", "--steps", "x", "-o", "@" }, 2, "whole number" },
  { { SW, "--param", "force", "--from", "1uN", "--to", "2uN", "--steps", "10001", "-o", "@" }, 2, "from 2 to 10000" },
  { { SW, "--param", "force", "--from", "1uN", "--to", "2uN", "-o", "@" }, 2, "--steps" },
  { { SW, "--param", "force", "--from", "0uN", "--to", "2uN", "--steps", "3", "--log", "-o", "@" }, 2, "above zero" },
  { { SW, "--param", "force", "--from", "0uN", "--to", "2uN", "--steps", "3", "--log", "-o", "@" }, 2, "allowed range" },
  { { SW, "--param", "force", "--from", "1uN", "--to", "50uN", "--steps", "3", "-o", "@" }, 2, "allowed range" },
  { { SW, "--param", "force", "--from", "1nm", "--to", "5uN", "--steps", "3", "-o", "@" }, 2, "wrong kind of unit" },
  { { SW, "--param", "force", "--to", "5uN", "--steps", "3", "-o", "@" }, 2, "--from" },
  { { SW, "--param", "force", "--from", "1uN", "--steps", "3", "-o", "@" }, 2, "allowed range" },
  { { SW, "--param", "force", "--from", "1uN", "--to", "5uN", "--steps", "3" }, 2, "--output" },
  { { SW, "--from", "1uN", "--to", "5uN", "--steps", "3", "-o", "@" }, 2, "--param NAME is required, one of: tip_radius" },
  { { SW, "--param", "force", "--from", "1uN", "--to", "5uN", "--steps", "3", "--set", "force=2uN", "-o", "@" }, 2, "conflicts" },
  { { SW, "--param", "force", "--from", "1uN", "--to", "5uN", "--steps", "3", "--threads", "0", "-o", "@" }, 2, "--threads" },
  { { SW, "--param", "force", "--from", "1uN", "--to", "5uN", "--steps", "3", "--json", "-o", "@" }, 2, "--json" },
  { { SW, "--param", "force", "--from", "1uN", "--to", "5uN", "--steps", "3", "--set", "eps_r=0", "-o", "@" }, 2, "eps_r" },
  { { SW, "--param", "force", "--from", "1uN", "--to", "5uN", "--steps" }, 2, "--steps" },
  { { "sweep", "cfr", "--param", "force", "--from", "1uN", "--to", "5uN", "--steps", "3", "-o", "x.txt" }, 2, "x.txt" },
  { { SW, "--param", "force", "--from", "1uN", "--to", "5uN", "--steps", "3", "-o", "/nonexistent/s.h5" }, 2, "cannot write in folder '/nonexistent'" },
  { { "sweep", "nosuch" }, 2, "nosuch" },
  { { "sweep" }, 2, "MODEL" },
  /* Every point is over lsmo's memory limit: a runtime failure naming the point. */
  { { "sweep", "lsmo", "--param", "t_substrate", "--from", "60K", "--to", "100K", "--steps", "2",
      "--set", "nx=1000", "--set", "ny=1000", "-o", "@" }, 1, "point 1 of 2 (t_substrate = 60 K)" },
};

static void
test_bad_input (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *out = g_build_filename (dir, "out.h5", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const char *args[21];
      Run r;

      for (int k = 0; k < 21; k++)
        args[k] = k < 20 && bad_cases[i].args[k] && strcmp (bad_cases[i].args[k], "@") == 0
                    ? out : (k < 20 ? bad_cases[i].args[k] : NULL);
      r = run_cli (args);
      g_test_message ("case %zu -> %d: %s", i, r.status, r.err);
      g_assert_cmpint (r.status, ==, bad_cases[i].status);
      g_assert_nonnull (strstr (r.err, bad_cases[i].needle));
      g_assert_cmpstr (r.out, ==, "");
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS)); /* no partial file */
      run_clear (&r);
    }
  g_assert_false (g_file_test ("x.txt", G_FILE_TEST_EXISTS));
  rm_dir (dir);
}

/* --- the engine in-process (app/flx-sweep.c), without signals ---------------------- */

static void
test_engine_points (void)
{
  double p[4];

  flx_sweep_points (2.0, 5.0, 4, FALSE, p);
  g_assert_cmpfloat (p[0], ==, 2.0);
  g_assert_cmpfloat (p[1], ==, 3.0);
  g_assert_cmpfloat (p[2], ==, 4.0);
  g_assert_cmpfloat (p[3], ==, 5.0);
  flx_sweep_points (1e3, 1.0, 4, TRUE, p); /* downwards, decades */
  g_assert_cmpfloat (p[0], ==, 1e3);
  g_assert_cmpfloat_with_epsilon (p[1], 1e2, 1e-12);
  g_assert_cmpfloat_with_epsilon (p[2], 1e1, 1e-13);
  g_assert_cmpfloat (p[3], ==, 1.0);
}

typedef struct {
  volatile gint stop;
  size_t        stop_after; /* set stop once this many points are done */
  size_t        calls, last_done;
} EngineProbe;

static void
engine_progress (size_t done, size_t n, void *user_data)
{
  EngineProbe *probe = user_data;

  g_assert_cmpuint (done, <=, n);
  g_assert_cmpuint (done, >=, probe->last_done); /* never backwards */
  probe->last_done = done;
  probe->calls++;
  if (done >= probe->stop_after)
    g_atomic_int_set (&probe->stop, 1);
}

static FlxStatus
engine_run (const char *model, const char *param, double from, double to, size_t n,
            int threads, EngineProbe *probe, FlxResult **results, size_t *failed, char *err)
{
  const FlxModel *m = flx_model_find (model);
  g_autofree double *values = g_new0 (double, m->n_params + 1);
  g_autofree double *points = g_new (double, n);
  FlxSweepPlan plan = { m, values, flx_model_find_param (m, param), points, n,
                        FLX_QUALITY_FAST, threads, TRUE, &probe->stop };

  flx_model_defaults (m, values);
  if (strcmp (model, "lsmo") == 0 && failed != NULL)
    {
      /* Over lsmo's memory limit at full quality (issue 11): refused before any work. */
      values[flx_model_find_param (m, "nx")] = 1000;
      values[flx_model_find_param (m, "ny")] = 1000;
      plan.quality = FLX_QUALITY_FULL;
    }
  flx_sweep_points (from, to, n, FALSE, points);
  return flx_sweep_run (&plan, results, engine_progress, probe, failed, err, 256);
}

/* One worker or two: the same numbers, bit for bit (each point is one deterministic run). */
static void
test_engine_threads (void)
{
  const FlxModel *m = flx_model_find ("cfr");
  FlxResult *one[12] = { NULL }, *two[12] = { NULL };
  EngineProbe p1 = { .stop_after = G_MAXSIZE }, p2 = { .stop_after = G_MAXSIZE };
  char err[256] = "";

  g_assert_cmpint (engine_run ("cfr", "force", 1e-6, 30e-6, 12, 1, &p1, one, NULL, err), ==, FLX_OK);
  g_assert_cmpint (engine_run ("cfr", "force", 1e-6, 30e-6, 12, 2, &p2, two, NULL, err), ==, FLX_OK);
  g_assert_cmpuint (p2.last_done, ==, 12);
  for (int k = 0; k < 12; k++)
    {
      g_assert_nonnull (one[k]);
      g_assert_nonnull (two[k]);
      g_assert_cmpmem (one[k]->scalars, m->n_scalars * sizeof (double), two[k]->scalars,
                       m->n_scalars * sizeof (double));
      for (size_t i = 0; i < m->n_fields; i++) /* fields dropped to keep memory flat */
        g_assert_null (two[k]->fields[i].data);
      flx_result_free (one[k]);
      flx_result_free (two[k]);
    }
}

/* A stop request: before the start nothing runs; after the first point the rest is
 * cancelled (lsmo FAST takes tens of ms per point: 200 points need seconds, far longer
 * than the main thread takes to see the first one, even on a loaded machine). */
#define STOP_N 200
static void
test_engine_stop (void)
{
  g_autofree FlxResult **res = g_new0 (FlxResult *, STOP_N);
  EngineProbe early = { .stop = 1, .stop_after = G_MAXSIZE }, late = { .stop_after = 1 };
  char err[256] = "";
  size_t done = 0;

  g_assert_cmpint (engine_run ("lsmo", "t_substrate", 60, 330, STOP_N, 2, &early, res, NULL, err),
                   ==, FLX_E_CANCELLED);
  for (int k = 0; k < STOP_N; k++)
    g_assert_null (res[k]);
  g_assert_cmpint (engine_run ("lsmo", "t_substrate", 60, 330, STOP_N, 2, &late, res, NULL, err),
                   ==, FLX_E_CANCELLED);
  for (int k = 0; k < STOP_N; k++)
    if (res[k] != NULL)
      {
        done++;
        flx_result_free (res[k]);
      }
  g_test_message ("%zu of %d points done before the stop took effect", done, STOP_N);
  g_assert_cmpuint (done, >=, 1);
  g_assert_cmpuint (done, <, STOP_N);
  g_assert_cmpuint (done, ==, late.last_done); /* the last progress saw every finished point */
}

/* A failing point: its status, the earliest failing index and the model's message. */
static void
test_engine_failure (void)
{
  FlxResult *res[4] = { NULL };
  EngineProbe probe = { .stop_after = G_MAXSIZE };
  char err[256] = "";
  size_t failed = 99;
  FlxStatus st = engine_run ("lsmo", "t_substrate", 60, 330, 4, 2, &probe, res, &failed, err);

  g_assert_cmpint (st, !=, FLX_OK);
  g_assert_cmpint (st, !=, FLX_E_CANCELLED);
  g_assert_cmpuint (failed, ==, 0);
  g_assert_nonnull (strstr (err, "nx = 1000"));
  for (int k = 0; k < 4; k++)
    g_assert_null (res[k]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gsl_set_error_handler_off (); /* before any solver thread, as main.c does */
  flexolab_bin = g_getenv ("FLEXOLAB_BIN");
  g_assert_nonnull (flexolab_bin);
  H5Eset_auto2 (H5E_DEFAULT, NULL, NULL);
  g_test_add_func ("/sweep/csv-length", test_csv_length);
  g_test_add_func ("/sweep/h5-length", test_h5_length);
  g_test_add_func ("/sweep/matches-run", test_matches_run);
  g_test_add_func ("/sweep/log-spacing", test_log_spacing);
  g_test_add_func ("/sweep/bad-input", test_bad_input);
  g_test_add_func ("/sweep/interrupt", test_interrupt);
  g_test_add_func ("/sweep/engine-points", test_engine_points);
  g_test_add_func ("/sweep/engine-threads", test_engine_threads);
  g_test_add_func ("/sweep/engine-stop", test_engine_stop);
  g_test_add_func ("/sweep/engine-failure", test_engine_failure);
  return g_test_run ();
}
