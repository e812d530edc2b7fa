/* test-session.c: session files without a display: exact round trip, atomic save, every
 * malformed case from issue 9 (versions, missing keys, wrong types and units, out-of-range
 * values, unknown models and parameters), and every shipped preset loads and runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

#include "flx-session.h"

#define PRESET_DIR "/io/github/flexolab/Flexolab/presets/"

static FlxSession *
parse (const char *text, GError **error)
{
  return flx_session_parse (text, strlen (text), "test.flexolab", error);
}

/* Some problem mentions all of the given fragments (a message must name key and value). */
static gboolean
has_problem (const FlxSession *s, const char *a, const char *b, const char *c)
{
  for (guint i = 0; i < s->problems->len; i++)
    {
      const char *p = s->problems->pdata[i];
      if (strstr (p, a) && (b == NULL || strstr (p, b)) && (c == NULL || strstr (p, c)))
        return TRUE;
    }
  return FALSE;
}

static void
print_problems (const FlxSession *s)
{
  for (guint i = 0; i < s->problems->len; i++)
    g_test_message ("problem: %s", (const char *) s->problems->pdata[i]);
}

/* Every model, every parameter moved off its default to an awkward value (a third of the
 * range, not a short decimal), written and read back: the doubles must be bit-identical. */
static void
test_round_trip (void)
{
  size_t n = flx_model_count ();
  g_autofree const FlxModel **models = g_new0 (const FlxModel *, n);
  g_autofree double **values = g_new0 (double *, n);
  g_autofree char *data = NULL;
  g_autoptr (FlxSession) s = NULL;
  g_autoptr (GError) error = NULL;

  for (size_t k = 0; k < n; k++)
    {
      const FlxModel *m = flx_model_get (k);
      models[k] = m;
      values[k] = g_new0 (double, m->n_params + 1);
      flx_model_defaults (m, values[k]);
      for (size_t i = 0; i < m->n_params; i++)
        {
          const FlxParamSpec *p = &m->params[i];
          if (p->kind == FLX_PARAM_NUMBER)
            values[k][i] = p->min + (p->max - p->min) / 3.0;
          else if (p->kind == FLX_PARAM_CHOICE)
            values[k][i] = (double) (flx_param_n_choices (p) - 1);
          else
            values[k][i] = 1.0 - values[k][i];
        }
    }
  data = flx_session_to_data ("wo3", models, (const double *const *) values, n);
  s = parse (data, &error);
  g_assert_no_error (error);
  print_problems (s);
  g_assert_cmpuint (s->problems->len, ==, 0);
  g_assert_cmpstr (s->visible_model, ==, "wo3");
  g_assert_cmpuint (s->models->len, ==, n);
  g_assert_null (s->title);
  for (size_t k = 0; k < n; k++)
    {
      const double *back = flx_session_get_values (s, models[k]->id);
      g_assert_nonnull (back);
      for (size_t i = 0; i < models[k]->n_params; i++)
        {
          if (back[i] != values[k][i])
            g_test_message ("%s.%s: wrote %.17g read %.17g", models[k]->id,
                            models[k]->params[i].name, values[k][i], back[i]);
          g_assert_cmpfloat (back[i], ==, values[k][i]);
        }
      g_free (values[k]);
    }
}

/* Saving goes through a temporary file and a rename: a failed save creates nothing, a
 * successful one replaces the old file and leaves no temporary behind. */
static void
test_save_atomic (void)
{
  const FlxModel *m = flx_model_find ("cfr");
  g_autofree double *v = g_new0 (double, m->n_params);
  g_autofree char *dir = g_dir_make_tmp ("flx-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a.flexolab", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "b.flexolab", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (FlxSession) s = NULL;
  const double *vp = v;
  GDir *d;
  int n_entries = 0;

  flx_model_defaults (m, v);
  g_assert_false (flx_session_save (bad, "cfr", &m, &vp, 1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  v[flx_model_find_param (m, "force")] = 7e-6;
  g_assert_true (flx_session_save (path, "cfr", &m, &vp, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  s = parse (contents, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (flx_session_get_values (s, "cfr")[flx_model_find_param (m, "force")], ==,
                     7e-6);

  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n_entries++;
  g_dir_close (d);
  g_assert_cmpint (n_entries, ==, 1); /* no temporary file left */
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Files that cannot be sessions are refused as a whole, with the reason. */
static void
test_refused (void)
{
  static const struct {
    const char *text;
    int         code;
    const char *mention;
  } cases[] = {
    { "", FLX_SESSION_ERROR_FORMAT, "no [flexolab] group" },
    { "\x01\x02 binary junk\n", FLX_SESSION_ERROR_FORMAT, "not a Flexolab session" },
    { "[cfr]\nforce=1e-5 N\n", FLX_SESSION_ERROR_FORMAT, "no [flexolab] group" },
    { "[flexolab]\n[cfr]\nforce=1e-5 N\n", FLX_SESSION_ERROR_VERSION, "no version" },
    { "[flexolab]\nversion=abc\n[cfr]\n", FLX_SESSION_ERROR_VERSION, "“abc”" },
    { "[flexolab]\nversion=1.2.3\n[cfr]\n", FLX_SESSION_ERROR_VERSION, "“1.2.3”" },
    { "[flexolab]\nversion=2.0\n[cfr]\nforce=1e-5 N\n", FLX_SESSION_ERROR_VERSION, "format 2.0" },
    { "[flexolab]\nversion=0.9\n[cfr]\n", FLX_SESSION_ERROR_VERSION, "format 0.9" },
    { "[flexolab]\nversion=1.0\n", FLX_SESSION_ERROR_EMPTY, "no known model" },
    { "[flexolab]\nversion=1.0\n[nosuch]\nx=1\n", FLX_SESSION_ERROR_EMPTY, "no known model" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (FlxSession) s = parse (cases[i].text, &error);

      g_assert_null (s);
      g_assert_error (error, FLX_SESSION_ERROR, cases[i].code);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].mention));
      g_assert_nonnull (strstr (error->message, "test.flexolab"));
    }
}

/* Bad values: each is reported naming the key (and the value, and the range when it is a
 * range problem) and replaced by the default; everything valid loads. */
static void
test_bad_values (void)
{
  const char *text =
    "[flexolab]\nversion=1.7\nvisible-model=nosuch\ncolour=red\n"
    "[cfr]\n"
    "material=Unobtainium\n"
    "tip_radius=165 nm\n"      /* valid, hand-written with a display unit */
    "force=abc\n"              /* not a number */
    "thickness=999 nm\n"       /* out of range (max 50 nm) */
    "f_eff=3 nm\n"             /* wrong dimension */
    "eps_r=NaN\n"              /* not finite */
    "bandgap=4 eV\n"           /* valid */
    "valence_band=maybe\n"     /* not a boolean */
    "bias=-0.25V\n"            /* valid, no space */
    "nosuch=1\n"               /* unknown parameter; phi0 missing */
    "[wo3]\nchi=7000\n"        /* the rest of wo3 missing */
    "[martian]\nx=1\n";
  const FlxModel *m = flx_model_find ("cfr");
  g_autoptr (GError) error = NULL;
  g_autoptr (FlxSession) s = parse (text, &error);
  const double *v;

  g_assert_no_error (error);
  print_problems (s);
  /* Shown: the first model described, since visible-model names none. */
  g_assert_cmpstr (s->visible_model, ==, "cfr");
  v = flx_session_get_values (s, "cfr");
  g_assert_nonnull (v);
  g_assert_cmpfloat (v[flx_model_find_param (m, "tip_radius")], ==, 165e-9);
  g_assert_cmpfloat (v[flx_model_find_param (m, "bandgap")], ==, 4.0);
  g_assert_cmpfloat (v[flx_model_find_param (m, "bias")], ==, -0.25);
  for (const char *const *name = (const char *const[]) { "material", "force", "thickness",
                                                         "f_eff", "eps_r", "valence_band",
                                                         "phi0", NULL };
       *name; name++)
    {
      int i = flx_model_find_param (m, *name);
      g_assert_cmpfloat (v[i], ==, m->params[i].def);
    }
  g_assert_true (has_problem (s, "newer Flexolab", "1.7", NULL));
  g_assert_true (has_problem (s, "colour", NULL, NULL));
  g_assert_true (has_problem (s, "visible-model", "nosuch", NULL));
  g_assert_true (has_problem (s, "material", "Unobtainium", "SrTiO3"));
  g_assert_true (has_problem (s, "force", "abc", "using 15 µN"));
  g_assert_true (has_problem (s, "thickness", "999", "50 nm"));   /* names the range */
  g_assert_true (has_problem (s, "f_eff", "nm", NULL));
  g_assert_true (has_problem (s, "eps_r", NULL, NULL));
  g_assert_true (has_problem (s, "valence_band", "maybe", NULL));
  g_assert_true (has_problem (s, "phi0", "missing", NULL));
  g_assert_true (has_problem (s, "nosuch", "unknown parameter", NULL));
  g_assert_true (has_problem (s, "martian", "unknown model", NULL));
  g_assert_true (has_problem (s, "[wo3] wall_width", "missing", NULL));
  g_assert_cmpfloat (flx_session_get_values (s, "wo3")[flx_model_find_param (flx_model_find ("wo3"), "chi")],
                     ==, 7000);
  g_assert_null (flx_session_get_values (s, "lsmo"));
}

/* A material choice presets permittivity, gap and coupling; explicit keys still win. */
static void
test_choice_presets (void)
{
  const FlxModel *m = flx_model_find ("cfr");
  int eps = flx_model_find_param (m, "eps_r"), gap = flx_model_find_param (m, "bandgap");
  g_autoptr (FlxSession) a = NULL;
  g_autoptr (FlxSession) b = NULL;

  a = parse ("[flexolab]\nversion=1\n[cfr]\nmaterial=LaAlO3\n", NULL);
  b = parse ("[flexolab]\nversion=1\n[cfr]\nmaterial=LaAlO3\neps_r=30\n", NULL);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  /* sim/flx-materials.c: LaAlO3 eps_r 24, band gap 5.5 eV. */
  g_assert_cmpfloat (flx_session_get_values (a, "cfr")[eps], ==, 24);
  g_assert_cmpfloat (flx_session_get_values (a, "cfr")[gap], ==, 5.5);
  g_assert_cmpfloat (flx_session_get_values (b, "cfr")[eps], ==, 30);
  g_assert_cmpfloat (flx_session_get_values (b, "cfr")[gap], ==, 5.5);
}

static int
count_dot (double fraction, void *data)
{
  return 0;
}

/* Every preset in the resource bundle names its figure and paper, loads without a single
 * problem, and runs (FAST) without error. */
static void
test_presets (void)
{
  g_auto (GStrv) names = g_resources_enumerate_children (PRESET_DIR, 0, NULL);
  guint n = 0;

  g_assert_nonnull (names);
  for (gsize k = 0; names[k] != NULL; k++)
    {
      g_autofree char *uri = g_strconcat ("resource://" PRESET_DIR, names[k], NULL);
      g_autoptr (GFile) file = g_file_new_for_uri (uri);
      g_autoptr (GError) error = NULL;
      g_autoptr (FlxSession) s = flx_session_load (file, &error);
      const FlxModel *m;
      FlxResult *result = NULL;
      char errmsg[512] = "";
      FlxStatus st;

      g_test_message ("preset %s", names[k]);
      g_assert_no_error (error);
      print_problems (s);
      g_assert_cmpuint (s->problems->len, ==, 0);
      g_assert_true (g_str_has_suffix (names[k], ".flexolab"));
      g_assert_nonnull (s->title);
      g_assert_nonnull (s->figure);
      g_assert_nonnull (s->paper);
      g_assert_nonnull (s->caption);
      g_assert_cmpuint (s->models->len, ==, 1);
      g_assert_nonnull (s->visible_model);
      m = flx_model_find (s->visible_model);
      g_assert_true (((FlxSessionModel *) s->models->pdata[0])->model == m);
      /* The file name starts with the model it is for. */
      g_assert_true (g_str_has_prefix (names[k], m->id));

      st = flx_model_run (m, flx_session_get_values (s, m->id), FLX_QUALITY_FAST, &result,
                          count_dot, NULL, errmsg, sizeof errmsg);
      if (st != FLX_OK)
        g_test_message ("%s: %s", names[k], errmsg);
      g_assert_cmpint (st, ==, FLX_OK);
      flx_result_free (result);
      n++;
    }
  g_assert_cmpuint (n, >=, 14);
}

/* Format 1.1 view settings: [view] large-text is checked here; [view:MODEL] groups are
 * kept verbatim for the pages' views (which check their keys: test-session-window.c). */
static void
test_view_groups (void)
{
  const FlxModel *m = flx_model_find ("cfr");
  const double *vp;
  g_autofree double *v = g_new0 (double, m->n_params);
  g_autoptr (GKeyFile) view = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (FlxSession) s = NULL;
  g_autoptr (FlxSession) bad = NULL;
  g_autoptr (FlxSession) old = NULL;
  g_autofree char *data = NULL;
  g_autofree char *group = flx_session_view_group ("cfr");
  g_autofree char *zoom = NULL;

  /* Written: version 1.2 and the view groups after the models; read back as written. */
  flx_model_defaults (m, v);
  vp = v;
  g_key_file_set_boolean (view, FLX_SESSION_VIEW_GROUP, "large-text", TRUE);
  g_key_file_set_value (view, group, "fig1b.x", "0.5;1.75");
  data = flx_session_to_data_full ("cfr", &m, &vp, 1, NULL, view);
  g_assert_nonnull (strstr (data, "\nversion=1.2\n"));
  g_assert_cmpstr (group, ==, "view:cfr");
  s = parse (data, &error);
  g_assert_no_error (error);
  print_problems (s);
  g_assert_cmpuint (s->problems->len, ==, 0);
  g_assert_cmpint (s->large_text, ==, 1);
  g_assert_nonnull (s->view_state);
  zoom = g_key_file_get_value (s->view_state, group, "fig1b.x", NULL);
  g_assert_cmpstr (zoom, ==, "0.5;1.75");

  /* Malformed view settings are reported; every parameter still loads. */
  bad = parse ("[flexolab]\nversion=1.1\n[cfr]\nforce=7 µN\n"
               "[view]\nlarge-text=maybe\nzoom=2\n[view:martian]\nx=1\n", &error);
  g_assert_no_error (error);
  print_problems (bad);
  g_assert_cmpint (bad->large_text, ==, -1);
  g_assert_true (has_problem (bad, "large-text", "maybe", NULL));
  g_assert_true (has_problem (bad, "[view] unknown key", "zoom", NULL));
  g_assert_true (has_problem (bad, "view:martian", "unknown model", NULL));
  g_assert_cmpfloat (flx_session_get_values (bad, "cfr")[flx_model_find_param (m, "force")], ==,
                     7e-6);
  /* A [view] group alone still means the file describes the views. */
  g_assert_nonnull (bad->view_state);

  /* Odd but valid key-file syntax in a view group is kept as written (no criticals:
   * G_DEBUG=fatal-warnings), for the page's view to judge. */
  {
    g_autoptr (FlxSession) odd = parse ("[flexolab]\nversion=1.1\n[cfr]\n[view:cfr]\n"
                                        "iv.x[xx]=1;2\nband.y =  a\\sb;\\n \n", &error);
    g_autofree char *esc = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (odd->view_state);
    esc = g_key_file_get_value (odd->view_state, "view:cfr", "band.y", NULL);
    g_assert_cmpstr (esc, ==, "a\\sb;\\n "); /* raw: escapes and trailing space kept */
  }

  /* A 1.0 file has no view settings: the views stay as they are. */
  old = parse ("[flexolab]\nversion=1.0\n[cfr]\nforce=7 µN\n", &error);
  g_assert_no_error (error);
  g_assert_null (old->view_state);
  g_assert_cmpint (old->large_text, ==, -1);
  g_assert_cmpuint (old->problems->len, ==, m->n_params - 1); /* only the missing keys */
}

/* Format 1.2 pinned runs: written as [pin:MODEL:N] groups with every parameter, read back
 * bit for bit in order; a pin with any bad value is skipped, not filled with defaults. */
static void
test_pins (void)
{
  const FlxModel *m = flx_model_find ("cfr");
  const double *vp;
  g_autofree double *v = g_new0 (double, m->n_params);
  g_autofree double *p1 = g_new0 (double, m->n_params);
  g_autofree double *p2 = g_new0 (double, m->n_params);
  g_autoptr (GPtrArray) pins = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (FlxSession) s = NULL;
  g_autoptr (FlxSession) bad = NULL;
  g_autoptr (FlxSession) old = NULL;
  g_autofree char *data = NULL;
  int force = flx_model_find_param (m, "force");
  FlxSessionModel pin[2] = { { m, p1, 1 }, { m, p2, 2 } };

  flx_model_defaults (m, v);
  flx_model_defaults (m, p1);
  flx_model_defaults (m, p2);
  p1[force] = 10e-6 / 3; /* not a short decimal */
  p2[force] = 20e-6 / 3;
  vp = v;
  g_ptr_array_add (pins, g_memdup2 (&pin[0], sizeof pin[0]));
  g_ptr_array_add (pins, g_memdup2 (&pin[1], sizeof pin[1]));
  data = flx_session_to_data_full ("cfr", &m, &vp, 1, pins, NULL);
  g_assert_nonnull (strstr (data, "\n[pin:cfr:1]\n"));
  g_assert_nonnull (strstr (data, "\n[pin:cfr:2]\n"));
  s = parse (data, &error);
  g_assert_no_error (error);
  print_problems (s);
  g_assert_cmpuint (s->problems->len, ==, 0);
  g_assert_true (s->pin_state);
  g_assert_cmpuint (s->pins->len, ==, 2);
  for (guint k = 0; k < 2; k++)
    {
      FlxSessionModel *sm = s->pins->pdata[k];
      g_assert_true (sm->model == m);
      g_assert_cmpuint (sm->pin, ==, k + 1);
      g_assert_cmpmem (sm->values, sizeof (double) * m->n_params, pin[k].values,
                       sizeof (double) * m->n_params);
    }

  /* Bad pins, each reported and skipped (not filled with defaults): pin 2 with a wrong
   * unit, one missing a key, an N out of range, no N, an unknown model; pin 1 loads. */
  {
    g_autofree char *text = NULL;
    char *p2g = strstr (data, "[pin:cfr:2]"), *f = p2g ? strstr (p2g, "\nforce=") : NULL;
    GString *t;

    g_assert_nonnull (f);
    t = g_string_new_len (data, f - data);
    g_string_append (t, "\nforce=3 nm");
    g_string_append (t, strchr (f + 1, '\n'));
    g_string_append (t, "[pin:cfr:3]\nforce=12 µN\n[pin:cfr:9]\nforce=1 µN\n"
                        "[pin:cfr]\nforce=1 µN\n[pin:martian:1]\nforce=1 µN\n");
    text = g_string_free (t, FALSE);
    bad = parse (text, &error);
  }
  g_assert_no_error (error);
  print_problems (bad);
  g_assert_cmpuint (bad->pins->len, ==, 1);
  g_assert_cmpuint (((FlxSessionModel *) bad->pins->pdata[0])->pin, ==, 1);
  g_assert_true (has_problem (bad, "[pin:cfr:2]", "3 nm", "not restored"));
  g_assert_true (has_problem (bad, "[pin:cfr:3]", "missing", "not restored"));
  g_assert_true (has_problem (bad, "[pin:cfr:9]", NULL, NULL));
  g_assert_true (has_problem (bad, "[pin:cfr]", NULL, NULL));
  g_assert_true (has_problem (bad, "[pin:martian:1]", NULL, NULL));
  g_assert_cmpfloat (flx_session_get_values (bad, "cfr")[force], ==, v[force]);

  /* A 1.1 file has no pin state: pages keep their pins. */
  old = parse ("[flexolab]\nversion=1.1\n[cfr]\nforce=7 µN\n", &error);
  g_assert_no_error (error);
  g_assert_false (old->pin_state);
  g_assert_cmpuint (old->pins->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gsl_set_error_handler_off ();
  g_test_add_func ("/session/round-trip", test_round_trip);
  g_test_add_func ("/session/save-atomic", test_save_atomic);
  g_test_add_func ("/session/refused", test_refused);
  g_test_add_func ("/session/bad-values", test_bad_values);
  g_test_add_func ("/session/choice-presets", test_choice_presets);
  g_test_add_func ("/session/presets", test_presets);
  g_test_add_func ("/session/view-groups", test_view_groups);
  g_test_add_func ("/session/pins", test_pins);
  return g_test_run ();
}
