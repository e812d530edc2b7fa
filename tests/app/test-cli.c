/* test-cli.c: the command line as a user scripts it: exit codes, messages, JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "flx-model.h"

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

static const char *materials_env; /* FLEXOLAB_MATERIALS for the child, or NULL */

static Run
run_cli (const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  GBytes *out = NULL, *err = NULL;
  Run r = { -1, NULL, NULL };

  g_ptr_array_add (argv, (char *) flexolab_bin);
  for (int i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  {
    g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
    if (materials_env != NULL)
      g_subprocess_launcher_setenv (launcher, "FLEXOLAB_MATERIALS", materials_env, TRUE);
    else
      g_subprocess_launcher_setenv (launcher, "FLEXOLAB_MATERIALS", "/nonexistent", TRUE);
    proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  }
  g_assert_no_error (error);
  g_subprocess_communicate (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  /* A crash is never an acceptable answer to bad input. */
  g_assert_true (g_subprocess_get_if_exited (proc));
  r.status = g_subprocess_get_exit_status (proc);
  r.out = g_strndup (g_bytes_get_size (out) ? g_bytes_get_data (out, NULL) : "",
                     g_bytes_get_size (out));
  r.err = g_strndup (g_bytes_get_size (err) ? g_bytes_get_data (err, NULL) : "",
                     g_bytes_get_size (err));
  g_bytes_unref (out);
  g_bytes_unref (err);
  return r;
}

static void
test_version (void)
{
  Run r = run_cli ((const char *[]) { "--version", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "flexolab "));
  run_clear (&r);

  r = run_cli ((const char *[]) { "--help", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "flexolab run MODEL"));
  run_clear (&r);
}

static void
test_list_json (void)
{
  Run r = run_cli ((const char *[]) { "list", "--json", NULL });
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *models;

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  models = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "models");
  g_assert_cmpuint (json_array_get_length (models), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *m = json_array_get_object_element (models, i);
      const char *id = json_object_get_string_member (m, "id");
      const FlxModel *model = flx_model_find (id);
      JsonArray *params = json_object_get_array_member (m, "parameters");

      g_assert_nonnull (model);
      g_assert_cmpuint (json_array_get_length (params), ==, model->n_params);
      for (guint k = 0; k < model->n_params; k++)
        {
          JsonObject *p = json_array_get_object_element (params, k);
          g_assert_cmpstr (json_object_get_string_member (p, "name"), ==, model->params[k].name);
          g_assert_cmpstr (json_object_get_string_member (p, "unit"), ==, model->params[k].unit);
        }
    }
  run_clear (&r);

  r = run_cli ((const char *[]) { "list", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "tip_radius"));
  run_clear (&r);
}

/* Bad input: exit 2 and a message that names what was wrong. */
typedef struct {
  const char *args[8];
  int         status;
  const char *needle; /* must appear on stderr */
} BadCase;

static const BadCase bad_cases[] = {
  { { "run", "cfr", "--set", "force=-1uN" }, 2, "force" },
  { { "run", "cfr", "--set", "force=-1uN" }, 2, "allowed range" },
  { { "run", "cfr", "--set", "force=nan" }, 2, "force" },
  { { "run", "cfr", "--set", "force=inf" }, 2, "force" },
  { { "run", "cfr", "--set", "force=15nm" }, 2, "wrong kind of unit" },
  { { "run", "cfr", "--set", "force=15 parsecs" }, 2, "unknown unit" },
  { { "run", "cfr", "--set", "force=" }, 2, "force" },
  { { "run", "cfr", "--set", "force" }, 2, "NAME=VALUE" },
  { { "run", "cfr", "--set" }, 2, "--set" },
  { { "run", "cfr", "--set", "nosuch=1" }, 2, "nosuch" },
  { { "run", "cfr", "--set", "tip_radius=-5nm" }, 2, "tip_radius" },
  { { "run", "cfr", "--set", "material=Kryptonite" }, 2, "SrTiO3" },
  { { "run", "cfr", "--set", "valence_band=perhaps" }, 2, "valence_band" },
  { { "run", "cfr", "--bogus" }, 2, "--bogus" },
  { { "run", "cfr", "--quality", "ultra" }, 2, "quality" },
  { { "run", "cfr", "--output", "out.txt" }, 2, "out.txt" },
  { { "run", "cfr", "--output", "/" }, 2, "folder" },
  { { "run", "nosuch" }, 2, "nosuch" },
  { { "run" }, 2, "MODEL" },
  { { "list", "--yaml" }, 2, "--yaml" },
  { { "run", "lsmo", "--set", "nx=1e12" }, 2, "nx" },
  { { "run", "lsmo", "--set", "t_substrate=5000K" }, 2, "t_substrate" },
  { { "run", "vacancy", "--set", "diffusivity=-1" }, 2, "diffusivity" },
  /* Inside every range but 4.5 GiB of stored frames: refused before allocating (exit 1,
   * a runtime limit, not a bad value) with the sizes named (issue 11). */
  { { "run", "lsmo", "--set", "nx=1000", "--set", "ny=1000" }, 1, "nx = 1000 by ny = 1000" },
  { { "run", "lsmo", "--set", "steps=2000", "--set", "nx=1000" }, 1, "steps" },
};

static void
test_bad_input (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      Run r = run_cli (bad_cases[i].args);
      g_test_message ("case %zu: %s %s %s %s -> %d: %s", i, bad_cases[i].args[0],
                      bad_cases[i].args[1] ? bad_cases[i].args[1] : "",
                      bad_cases[i].args[2] ? bad_cases[i].args[2] : "",
                      bad_cases[i].args[3] ? bad_cases[i].args[3] : "", r.status, r.err);
      g_assert_cmpint (r.status, ==, bad_cases[i].status);
      g_assert_nonnull (strstr (r.err, bad_cases[i].needle));
      g_assert_cmpstr (r.out, ==, ""); /* nothing half-printed on stdout */
      run_clear (&r);
    }
  g_assert_false (g_file_test ("out.txt", G_FILE_TEST_EXISTS));
}

/* Every model either runs and prints a complete JSON document, or says it is not
 * implemented (exit 1) and prints no numbers at all. */
static void
test_run_each_model (void)
{
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const FlxModel *m = flx_model_get (i);
      Run r = run_cli ((const char *[]) { "run", m->id, "--json", "--quality", "fast", NULL });

      if (m->run == NULL)
        {
          g_assert_cmpint (r.status, ==, 1);
          g_assert_nonnull (strstr (r.err, "not implemented"));
          g_assert_cmpstr (r.out, ==, "");
        }
      else
        {
          g_autoptr (JsonParser) parser = json_parser_new ();
          g_autoptr (GError) error = NULL;
          JsonObject *root, *params, *scalars;

          g_assert_cmpint (r.status, ==, 0);
          g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
          g_assert_no_error (error);
          root = json_node_get_object (json_parser_get_root (parser));
          g_assert_cmpstr (json_object_get_string_member (root, "model"), ==, m->id);
          params = json_object_get_object_member (root, "parameters");
          scalars = json_object_get_object_member (root, "scalars");
          g_assert_cmpuint (json_object_get_size (params), ==, m->n_params);
          g_assert_nonnull (scalars);
          g_assert_nonnull (json_object_get_object_member (root, "series"));
          /* Issue 9: the validity warning is in the JSON and, when set, on stderr. */
          const char *w = json_object_get_string_member (root, "warning");
          g_assert_nonnull (w);
          g_assert_true ((w[0] != '\0') == (strstr (r.err, "warning: ") != NULL));
          g_assert_true (w[0] == '\0' || strstr (r.err, w) != NULL);
        }
      run_clear (&r);
    }
}

/* Choosing a material presets its band gap; an explicit value still wins, whatever the
 * order of the options.  LaAlO3: 5.5 eV (Park et al., text on LaAlO3). */
static void
test_material_preset (void)
{
  const char *const orders[2][8] = {
    { "run", "cfr", "--quality", "fast", "--json", "--set", "material=LaAlO3", NULL },
    { "run", "cfr", "--set", "bandgap=4eV", "--set", "material=LaAlO3", "--json", NULL },
  };
  double expected[2] = { 5.5, 4.0 };

  for (int k = 0; k < 2; k++)
    {
      Run r = run_cli (orders[k]);
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *params;

      g_assert_cmpint (r.status, ==, 0);
      g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
      params = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                              "parameters");
      g_assert_cmpstr (json_object_get_string_member (params, "material"), ==, "LaAlO3");
      g_assert_cmpfloat (json_object_get_double_member (params, "bandgap"), ==, expected[k]);
      run_clear (&r);
    }
}

/* A user's edited copy of data/materials/materials.ini changes what picking a material
 * does; a broken copy is reported and the built-in table is used. */
static void
test_user_materials (void)
{
  g_autofree char *src = g_build_filename (g_getenv ("FLEXOLAB_DATADIR"), "materials",
                                           "materials.ini", NULL);
  g_autofree char *text = NULL, *edited = NULL;
  g_autofree char *dir = g_dir_make_tmp ("flexolab-mat-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.ini", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.ini", NULL);
  const char *args[] = { "run", "cfr", "--quality", "fast", "--json", "--set",
                         "material=SrTiO3", NULL };
  Run r;

  g_assert_true (g_file_get_contents (src, &text, NULL, NULL));
  /* The shipped file sets SrTiO3's eps_r=20; the user raises it to 40. */
  g_assert_nonnull (strstr (text, "eps_r=20\n"));
  edited = g_strdup (text);
  memcpy (strstr (edited, "eps_r=20\n"), "eps_r=40\n", 9);
  g_assert_true (g_file_set_contents (good, edited, -1, NULL));
  g_assert_true (g_file_set_contents (bad, "[SrTiO3]\neps_r=banana\n", -1, NULL));

  materials_env = good;
  r = run_cli (args);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"eps_r\":40"));
  run_clear (&r);

  materials_env = bad;
  r = run_cli (args);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "ignoring materials file"));
  g_assert_nonnull (strstr (r.out, "\"eps_r\":20"));
  run_clear (&r);
  materials_env = NULL;

  g_unlink (good);
  g_unlink (bad);
  g_rmdir (dir);
}

/* --output writes HDF5 or CSV atomically; no temporary file is left behind. */
static void
test_output_files (void)
{
  const FlxModel *m = NULL;
  g_autofree char *dir = g_dir_make_tmp ("flexolab-cli-XXXXXX", NULL);
  g_autofree char *h5 = g_build_filename (dir, "run.h5", NULL);
  g_autofree char *csv = g_build_filename (dir, "run.csv", NULL);
  const char *name;
  GDir *d;
  int n = 0;

  for (size_t i = 0; i < flx_model_count () && m == NULL; i++)
    if (flx_model_get (i)->run != NULL)
      m = flx_model_get (i);
  if (m == NULL)
    {
      g_test_skip ("no model implemented yet");
      g_rmdir (dir);
      return;
    }
  {
    Run r = run_cli ((const char *[]) { "run", m->id, "--quality", "fast", "--output", h5, NULL });
    g_assert_cmpint (r.status, ==, 0);
    run_clear (&r);
    r = run_cli ((const char *[]) { "run", m->id, "--quality", "fast", "--output", csv, NULL });
    g_assert_cmpint (r.status, ==, 0);
    run_clear (&r);
  }
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (h5, &contents, NULL, NULL));
    g_assert_cmpmem (contents, 8, "\211HDF\r\n\032\n", 8); /* HDF5 signature */
  }
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
    g_assert_true (contents[0] == '"'); /* header first */
  }
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_assert_false (name[0] == '.'); /* no temporary left over */
      g_unlink (p);
      n++;
    }
  g_dir_close (d);
  g_assert_cmpint (n, ==, 2);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  flexolab_bin = g_getenv ("FLEXOLAB_BIN");
  g_assert_nonnull (flexolab_bin);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/list-json", test_list_json);
  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/run-each-model", test_run_each_model);
  g_test_add_func ("/cli/output-files", test_output_files);
  g_test_add_func ("/cli/material-preset", test_material_preset);
  g_test_add_func ("/cli/user-materials", test_user_materials);
  return g_test_run ();
}
