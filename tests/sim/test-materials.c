/* test-materials.c: built-in material table vs data/materials/materials.ini, and the
 * keyfile reader on good and corrupt input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <gsl/gsl_errno.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "flx-materials.h"

static char *
materials_path (void)
{
  const char *dir = g_getenv ("FLEXOLAB_DATADIR");
  if (dir != NULL)
    return g_build_filename (dir, "materials", "materials.ini", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "materials", "materials.ini",
                                NULL);
}

static void
test_file_matches_builtin (void)
{
  /* The library's fallback must be the shipped file: same names, same numbers (both go
   * through the same decimal -> double conversion, so equal to round-off), same sources. */
  g_autofree char *path = materials_path ();
  FlxMaterialTable t = { 0 };
  char err[256] = "";
  FlxStatus st = flx_materials_load (path, &t, err, sizeof err);
  if (st != FLX_OK)
    g_test_message ("%s", err);
  g_assert_cmpint (st, ==, FLX_OK);
  g_assert_cmpuint (t.n, ==, flx_materials_builtin_count ());
  for (size_t i = 0; i < flx_materials_builtin_count (); i++)
    {
      const FlxMaterial *b = flx_materials_builtin (i);
      const FlxMaterial *f = flx_materials_table_find (&t, b->name);
      g_assert_nonnull (f);
      const double bv[] = { b->eps_r, b->bandgap, b->c11, b->c12, b->c44, b->c33, b->f_eff };
      const double fv[] = { f->eps_r, f->bandgap, f->c11, f->c12, f->c44, f->c33, f->f_eff };
      for (size_t k = 0; k < G_N_ELEMENTS (bv); k++)
        g_assert_cmpfloat_with_epsilon (fv[k] / bv[k], 1.0, 1e-14);
      g_assert_cmpstr (f->source, ==, b->source);
    }
  flx_materials_table_clear (&t);
}

static void
test_builtin_values (void)
{
  /* Issue 5 and the paper: SrTiO3 eps_r 20, 3.2 eV, f_eff 25 V, c 318/103/124, c33 336
   * GPa; LaAlO3 band gap 5.5 eV.  Order = the cfr "material" choice order. */
  static const char *const order[] = { "SrTiO3", "BaTiO3", "CaTiO3", "LaAlO3" };
  g_assert_cmpuint (flx_materials_builtin_count (), ==, 4);
  for (size_t i = 0; i < 4; i++)
    g_assert_cmpstr (flx_materials_builtin (i)->name, ==, order[i]);
  g_assert_null (flx_materials_builtin (4));
  FlxMaterial m;
  g_assert_cmpint (flx_materials_get ("SrTiO3", &m), ==, FLX_OK);
  g_assert_cmpfloat (m.eps_r, ==, 20);
  g_assert_cmpfloat (m.bandgap, ==, 3.2);
  g_assert_cmpfloat (m.f_eff, ==, 25);
  g_assert_cmpfloat (m.c11, ==, 318e9);
  g_assert_cmpfloat (m.c33, ==, 336e9);
  g_assert_cmpint (flx_materials_get ("LaAlO3", &m), ==, FLX_OK);
  g_assert_cmpfloat (m.bandgap, ==, 5.5);
  g_assert_cmpint (flx_materials_get ("Unobtainium", &m), ==, FLX_E_PARAM);
  g_assert_cmpint (flx_materials_get (NULL, &m), ==, FLX_E_PARAM);
}

static void
test_corrupt (void)
{
  /* Every malformed input gives FLX_E_PARAM, an empty table and a message with the line
   * or the missing key, never a crash. */
  static const struct { const char *text, *needle; } cases[] = {
    { "[A]\neps_r=1\nbandgap=1\nc11=1\nc12=1\nc44=1\nc33=1\n", "lacks f_eff" },
    { "[A]\neps_r=1\nbandgap=3,2\n", "line 3" },
    { "[A]\nepsr=1\n", "unknown key" },
    { "eps_r=1\n", "outside" },
    { "[A\neps_r=1\n", "group header" },
    { "[A]\njust words\n", "key=value" },
    { "[A]\neps_r=-4\n", "positive" },
    { "[A]\neps_r=nan\n", "positive" },
    { "[A]\neps_r=1e999\n", "positive" },
    { "# only a comment\n", "no [material]" },
    { "", "no [material]" },
    { "[A]\neps_r=1\nbandgap=1\nc11=1\nc12=1\nc44=1\nc33=1\nf_eff=1\n[A]\n", "twice" },
    { "[]\n", "group header" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FlxMaterialTable t = { 0 };
      char err[256] = "";
      g_assert_cmpint (flx_materials_parse (cases[i].text, &t, err, sizeof err), ==, FLX_E_PARAM);
      g_assert_cmpuint (t.n, ==, 0);
      g_assert_null (t.items);
      if (strstr (err, cases[i].needle) == NULL)
        g_error ("case %zu: message \"%s\" lacks \"%s\"", i, err, cases[i].needle);
    }
  FlxMaterialTable t = { 0 };
  char err[256] = "";
  g_assert_cmpint (flx_materials_load ("/nonexistent/materials.ini", &t, err, sizeof err),
                   ==, FLX_E_IO);
  g_assert_true (strstr (err, "cannot open") != NULL);
  /* Binary junk in a file. */
  g_autofree char *tmp = NULL;
  int fd = g_file_open_tmp ("flx-materials-XXXXXX", &tmp, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  const char junk[] = { '[', 'A', ']', '\n', 0, 1, 2, 3, '\n' };
  g_assert_true (g_file_set_contents (tmp, junk, sizeof junk, NULL));
  g_assert_cmpint (flx_materials_load (tmp, &t, err, sizeof err), ==, FLX_E_PARAM);
  g_assert_cmpuint (t.n, ==, 0);
  g_unlink (tmp);
}

static void
test_locale (void)
{
  /* A decimal-comma locale must not change how "3.2" reads.  If no such locale is
   * installed the parse still has to give 3.2 in "C". */
  const char *loc = setlocale (LC_NUMERIC, "de_DE.UTF-8");
  g_test_message ("LC_NUMERIC = %s", loc ? loc : "(de_DE.UTF-8 not installed)");
  FlxMaterialTable t = { 0 };
  char err[256] = "";
  g_assert_cmpint (flx_materials_parse ("[X]\neps_r = 20 \nbandgap=3.2\nc11=318\nc12=103\n"
                                        "c44=124\nc33=336\nf_eff=25\nsource = me\n",
                                        &t, err, sizeof err), ==, FLX_OK);
  setlocale (LC_NUMERIC, "C");
  g_assert_cmpuint (t.n, ==, 1);
  g_assert_cmpfloat (t.items[0].bandgap, ==, 3.2);
  g_assert_cmpfloat (t.items[0].eps_r, ==, 20);
  g_assert_cmpfloat (t.items[0].c44, ==, 124e9);
  g_assert_cmpstr (t.items[0].source, ==, "me");
  flx_materials_table_clear (&t);
}

int
main (int argc, char *argv[])
{
  gsl_set_error_handler_off ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/materials/file-matches-builtin", test_file_matches_builtin);
  g_test_add_func ("/materials/builtin-values", test_builtin_values);
  g_test_add_func ("/materials/corrupt", test_corrupt);
  g_test_add_func ("/materials/locale", test_locale);
  return g_test_run ();
}
