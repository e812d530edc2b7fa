/* test-units.c: the unit parser is the one gate every typed value passes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "flx-units.h"

/* Expected values are exact SI conversions (BIPM SI brochure prefixes; the electronvolt
 * is 1.602176634e-19 J exactly since 2019), so the tolerance is round-off. */
static void
check_value (const char *text, const char *unit, double expected)
{
  g_autoptr (GError) error = NULL;
  double v = NAN;

  g_assert_true (flx_units_parse_value (text, unit, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (v / expected, 1.0, 1e-12);
}

static void
test_units_examples (void)
{
  /* The list of inputs. */
  check_value ("15uN", "N", 15e-6);
  check_value ("15 µN", "N", 15e-6);
  check_value ("15 μN", "N", 15e-6); /* Greek mu, as some keyboards type it */
  check_value ("100nm", "m", 100e-9);
  check_value ("0.5V", "V", 0.5);
  check_value ("340K", "K", 340);
  check_value ("3.2eV", "eV", 3.2);
  check_value ("2e-6ohm*m", "ohm*m", 2e-6);
  check_value ("2e-4 Ω·cm", "ohm*m", 2e-6);
  /* Compound units of the LSMO table and prefixes on compounds. */
  check_value ("5e6 W/(K*m^2)", "W/(K*m^2)", 5e6);
  check_value ("500 W/(K*cm^2)", "W/(K*m^2)", 5e6);
  check_value ("1.23e-15 cm^2/s", "m^2/s", 1.23e-19);
  check_value ("3e7 1/m", "1/m", 3e7);
  check_value ("0.15 C/m^2", "C/m^2", 0.15);
  check_value ("15 µC/cm^2", "C/m^2", 0.15);
  check_value ("1.4 eV", "eV", 1.4);
  check_value ("1400 meV", "eV", 1.4);
  check_value ("1.602176634e-19 J", "eV", 1.0);
  check_value ("6 pm/V", "m/V", 6e-12);
  check_value ("4.1e-12 m^2/N", "m^2/N", 4.1e-12);
  check_value ("336 GPa", "Pa", 336e9);
  check_value ("70.4 kOhm", "ohm", 70.4e3);
  check_value ("20 nA", "A", 20e-9);
  check_value ("1.5%", "", 0.015);
  check_value ("39 Å", "m", 3.9e-9);
  check_value ("2 min", "s", 120);
  check_value ("5 mm", "m", 5e-3);
  check_value ("1 ms", "s", 1e-3);
  /* A value written in the target unit itself comes back exactly (session round trips). */
  {
    double v;
    g_assert_true (flx_units_parse_value ("3.5 eV", "eV", &v, NULL));
    g_assert_cmpfloat (v, ==, 3.5);
    g_assert_true (flx_units_parse_value ("1.5e-05 N", "N", &v, NULL));
    g_assert_cmpfloat (v, ==, 1.5e-05);
    g_assert_true (flx_units_parse_value ("2e-06 ohm*m", "ohm*m", &v, NULL));
    g_assert_cmpfloat (v, ==, 2e-06);
  }
  /* A bare number is already in the target unit. */
  check_value ("1.5e-5", "N", 1.5e-5);
  check_value ("-0.25", "V", -0.25);
}

static void
check_error (const char *text, const char *unit, FlxUnitsError code)
{
  g_autoptr (GError) error = NULL;
  double v = 0;

  g_assert_false (flx_units_parse_value (text, unit, &v, &error));
  g_assert_error (error, FLX_UNITS_ERROR, (int) code);
  g_assert_nonnull (error->message);
}

static void
test_units_errors (void)
{
  check_error ("15 furlongs", "m", FLX_UNITS_ERROR_UNIT);
  check_error ("15 m", "N", FLX_UNITS_ERROR_DIMENSION);
  check_error ("3.2 V", "eV", FLX_UNITS_ERROR_DIMENSION);
  check_error ("nan", "N", FLX_UNITS_ERROR_RANGE);
  check_error ("NaN uN", "N", FLX_UNITS_ERROR_RANGE);
  check_error ("inf", "m", FLX_UNITS_ERROR_RANGE);
  check_error ("-infinity", "m", FLX_UNITS_ERROR_RANGE);
  check_error ("1e999", "m", FLX_UNITS_ERROR_RANGE);
  check_error ("", "m", FLX_UNITS_ERROR_SYNTAX);
  check_error ("abc", "m", FLX_UNITS_ERROR_SYNTAX);
  check_error ("5 m^", "m", FLX_UNITS_ERROR_SYNTAX);
  check_error ("5 (m", "m", FLX_UNITS_ERROR_SYNTAX);
  check_error ("5 m)", "m", FLX_UNITS_ERROR_SYNTAX);
  check_error ("5 m^99", "m", FLX_UNITS_ERROR_SYNTAX);
  check_error ("5 2m", "m", FLX_UNITS_ERROR_SYNTAX);
  check_error ("5 ((((((((((m))))))))))", "m", FLX_UNITS_ERROR_SYNTAX);
}

/* The decimal point must not depend on the user's locale (German uses ','). */
static void
test_units_locale (void)
{
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_message ("de_DE.UTF-8 locale not available; checked with C locale only");
    }
  check_value ("1.5 nm", "m", 1.5e-9);
  setlocale (LC_NUMERIC, "C");
}

static const FlxModel *
cfr (void)
{
  const FlxModel *m = flx_model_find ("cfr");
  g_assert_nonnull (m);
  return m;
}

static void
test_param_parse (void)
{
  const FlxModel *m = cfr ();
  const FlxParamSpec *force = &m->params[flx_model_find_param (m, "force")];
  const FlxParamSpec *material = &m->params[flx_model_find_param (m, "material")];
  const FlxParamSpec *vb = &m->params[flx_model_find_param (m, "valence_band")];
  g_autoptr (GError) error = NULL;
  double v;

  /* The limits themselves, typed with units, are inside the range (30 µN = 30 * 1e-6
   * differs from the table's 30e-6 by round-off). */
  g_assert_true (flx_param_parse (force, "30uN", &v, &error));
  g_assert_cmpfloat (v, ==, 30e-6);
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const FlxModel *mm = flx_model_get (i);
      for (size_t k = 0; k < mm->n_params; k++)
        {
          const FlxParamSpec *p = &mm->params[k];
          const char *du = p->display_unit ? p->display_unit : p->unit;
          double f = flx_units_display_factor (du, p->unit);
          char num[G_ASCII_DTOSTR_BUF_SIZE], text[64];
          if (p->kind != FLX_PARAM_NUMBER)
            continue;
          g_ascii_formatd (num, sizeof num, "%.15g", p->max / f);
          g_snprintf (text, sizeof text, "%s %s", num, du);
          g_assert_true (flx_param_parse (p, text, &v, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_true (flx_param_parse (force, "15uN", &v, &error));
  g_assert_cmpfloat_with_epsilon (v, 15e-6, 1e-18);

  /* Out of range: the message names the parameter, the value and the range. */
  g_assert_false (flx_param_parse (force, "-1uN", &v, &error));
  g_assert_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "force"));
  g_assert_nonnull (strstr (error->message, "-1 µN"));
  g_assert_nonnull (strstr (error->message, "0 µN to 30 µN"));
  g_clear_error (&error);

  g_assert_false (flx_param_parse (force, "nan", &v, &error));
  g_assert_nonnull (strstr (error->message, "force"));
  g_assert_nonnull (strstr (error->message, "allowed range"));
  g_clear_error (&error);

  g_assert_false (flx_param_parse (force, "15 nm", &v, &error));
  g_assert_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_DIMENSION);
  g_clear_error (&error);

  g_assert_true (flx_param_parse (material, "laalo3", &v, &error));
  g_assert_cmpfloat (v, ==, 3);
  g_assert_false (flx_param_parse (material, "Unobtainium", &v, &error));
  g_assert_nonnull (strstr (error->message, "SrTiO3"));
  g_clear_error (&error);

  g_assert_true (flx_param_parse (vb, "off", &v, &error));
  g_assert_cmpfloat (v, ==, 0);
  g_assert_true (flx_param_parse (vb, "TRUE", &v, &error));
  g_assert_cmpfloat (v, ==, 1);
  g_assert_false (flx_param_parse (vb, "maybe", &v, &error));
  g_clear_error (&error);
}

static void
test_format (void)
{
  g_autofree char *a = flx_units_format (13.2e-9, "m", 3);
  g_autofree char *b = flx_units_format (15e-6, "N", 3);
  g_autofree char *c = flx_units_format (340, "K", 3);
  g_autofree char *d = flx_units_format (70.4e3, "ohm", 3);
  g_autofree char *e = flx_units_format (0.15, "C/m^2", 3);
  g_autofree char *f = flx_units_pretty ("W/(K*m^2)");
  g_autofree char *g = flx_units_format (2e-6, "ohm*m", 3);

  g_assert_cmpstr (a, ==, "13.2 nm");
  g_assert_cmpstr (b, ==, "15 µN");
  g_assert_cmpstr (c, ==, "340 K");
  g_assert_cmpstr (d, ==, "70.4 kΩ");
  g_assert_cmpstr (e, ==, "0.15 C/m²");
  g_assert_cmpstr (f, ==, "W/(K·m²)");
  g_assert_cmpstr (g, ==, "2e-06 Ω·m");
}

/* Every table in the registry must be self-consistent: units parse, defaults in range,
 * display units of the same kind, names unique. */
static void
test_registry_tables (void)
{
  g_assert_cmpuint (flx_model_count (), ==, 5);
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const FlxModel *m = flx_model_get (i);
      g_autofree double *values = g_new (double, m->n_params + 1);

      flx_model_defaults (m, values);
      g_assert_cmpint (flx_model_check (m, values, NULL, 0), ==, FLX_OK);
      for (size_t k = 0; k < m->n_params; k++)
        {
          const FlxParamSpec *p = &m->params[k];
          FlxUnit u, d;
          g_assert_true (flx_unit_parse (p->unit, &u, NULL));
          if (p->display_unit)
            {
              g_assert_true (flx_unit_parse (p->display_unit, &d, NULL));
              g_assert_cmpmem (u.dims, sizeof u.dims, d.dims, sizeof d.dims);
            }
          g_assert_cmpint (flx_model_find_param (m, p->name), ==, (int) k);
          g_assert_true (p->min <= p->def && p->def <= p->max);
        }
      for (size_t k = 0; k < m->n_scalars; k++)
        {
          FlxUnit u;
          g_assert_true (flx_unit_parse (m->scalars[k].unit, &u, NULL));
          g_assert_cmpint (flx_model_find_scalar (m, m->scalars[k].name), ==, (int) k);
        }
      for (size_t k = 0; k < m->n_series; k++)
        {
          FlxUnit u;
          g_assert_true (flx_unit_parse (m->series[k].x_unit, &u, NULL));
          g_assert_true (flx_unit_parse (m->series[k].y_unit, &u, NULL));
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/units/examples", test_units_examples);
  g_test_add_func ("/units/errors", test_units_errors);
  g_test_add_func ("/units/locale", test_units_locale);
  g_test_add_func ("/units/param-parse", test_param_parse);
  g_test_add_func ("/units/format", test_format);
  g_test_add_func ("/units/registry-tables", test_registry_tables);
  return g_test_run ();
}
