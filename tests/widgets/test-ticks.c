/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tick placement, SI prefixes and label formatting (displayless). */
#include <math.h>

#include "flx-ticks.h"

static void
test_nice_number (void)
{
  g_assert_cmpfloat (flx_nice_number (0.8, TRUE), ==, 1.0);
  g_assert_cmpfloat (flx_nice_number (3.2, TRUE), ==, 5.0);
  g_assert_cmpfloat (flx_nice_number (1.2, TRUE), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (flx_nice_number (0.0023, TRUE), 0.002, 1e-15);
  g_assert_cmpfloat (flx_nice_number (2.1, FALSE), ==, 5.0);
  /* invalid input gives a usable step rather than NaN */
  g_assert_cmpfloat (flx_nice_number (0, TRUE), ==, 1.0);
  g_assert_cmpfloat (flx_nice_number (NAN, TRUE), ==, 1.0);
}

/* Majors are multiples of the step, inside the range, and not too many. */
static void
check_linear (double lo,
              double hi,
              int    max_major)
{
  FlxTick t[FLX_TICKS_MAX];
  double step;
  int n = flx_ticks_linear (lo, hi, max_major, t, FLX_TICKS_MAX, &step);
  int majors = 0;

  g_assert_cmpint (n, >, 0);
  for (int i = 0; i < n; i++)
    {
      g_assert_cmpfloat (t[i].value, >=, lo - 1e-9 * step);
      g_assert_cmpfloat (t[i].value, <=, hi + 1e-9 * step);
      if (i > 0)
        g_assert_cmpfloat (t[i].value, >, t[i - 1].value);
      if (t[i].major)
        {
          double r = t[i].value / step;
          g_assert_cmpfloat (fabs (r - round (r)), <, 1e-6);
          majors++;
        }
    }
  g_assert_cmpint (majors, >=, 2);
  g_assert_cmpint (majors, <=, MAX (max_major + 1, 4)); /* "at least two" may need a finer step */
}

static void
test_linear_ticks (void)
{
  FlxTick t[FLX_TICKS_MAX];
  double step;
  int n, majors = 0;

  n = flx_ticks_linear (0, 1, 6, t, FLX_TICKS_MAX, &step);
  g_assert_cmpfloat_with_epsilon (step, 0.2, 1e-12);
  for (int i = 0; i < n; i++)
    majors += t[i].major;
  g_assert_cmpint (majors, ==, 6);
  g_assert_cmpfloat (t[0].value, ==, 0.0); /* exactly zero, not 1e-17 */

  check_linear (-3.7, 12.1, 6);
  check_linear (1e-9, 3e-9, 5);
  check_linear (-1e6, -2e5, 8);
  check_linear (299.99, 300.01, 4);
  check_linear (0, 1e-300, 4);
  /* a symmetric range narrower than the first nice step still gets two labels */
  check_linear (-0.18, 0.18, 3);
  check_linear (0.11, 0.19, 2);
}

static void
test_linear_invalid (void)
{
  FlxTick t[FLX_TICKS_MAX];

  g_assert_cmpint (flx_ticks_linear (1, 1, 5, t, FLX_TICKS_MAX, NULL), ==, 0);
  g_assert_cmpint (flx_ticks_linear (2, 1, 5, t, FLX_TICKS_MAX, NULL), ==, 0);
  g_assert_cmpint (flx_ticks_linear (NAN, 1, 5, t, FLX_TICKS_MAX, NULL), ==, 0);
  g_assert_cmpint (flx_ticks_linear (0, INFINITY, 5, t, FLX_TICKS_MAX, NULL), ==, 0);
  /* output array smaller than needed: truncated, not overrun */
  g_assert_cmpint (flx_ticks_linear (0, 1, 6, t, 3, NULL), ==, 3);
}

static void
test_log_ticks (void)
{
  FlxTick t[FLX_TICKS_MAX];
  int n, majors = 0;

  /* 12 decades, at most 7 labels: every 2nd decade labelled */
  n = flx_ticks_log10 (1, 1e12, 7, t, FLX_TICKS_MAX);
  g_assert_cmpint (n, ==, 13);
  for (int i = 0; i < n; i++)
    if (t[i].major)
      {
        g_assert_cmpfloat (fmod (round (log10 (t[i].value)), 2), ==, 0);
        majors++;
      }
  g_assert_cmpint (majors, ==, 7);

  /* two decades: 2..9 as minor ticks */
  n = flx_ticks_log10 (1, 100, 6, t, FLX_TICKS_MAX);
  g_assert_cmpint (n, ==, 19);
  g_assert_cmpfloat (t[1].value, ==, 2.0);
  g_assert_false (t[1].major);

  /* range inside one decade */
  n = flx_ticks_log10 (2, 8, 6, t, FLX_TICKS_MAX);
  g_assert_cmpint (n, ==, 7);
}

static void
test_log_invalid (void)
{
  FlxTick t[FLX_TICKS_MAX];

  g_assert_cmpint (flx_ticks_log10 (0, 10, 5, t, FLX_TICKS_MAX), ==, 0);
  g_assert_cmpint (flx_ticks_log10 (-5, 10, 5, t, FLX_TICKS_MAX), ==, 0);
  g_assert_cmpint (flx_ticks_log10 (10, 10, 5, t, FLX_TICKS_MAX), ==, 0);
  g_assert_cmpint (flx_ticks_log10 (NAN, 10, 5, t, FLX_TICKS_MAX), ==, 0);
  /* 600 decades of denormals to huge: thinned, still bounded */
  g_assert_cmpint (flx_ticks_log10 (1e-300, 1e300, 8, t, FLX_TICKS_MAX), <=, FLX_TICKS_MAX);
}

static void
test_si_prefix (void)
{
  const char *p;
  double f;

  f = flx_si_prefix_for (1.5e-5, "N", &p);
  g_assert_cmpstr (p, ==, "µ");
  g_assert_cmpfloat (f, ==, 1e-6);
  f = flx_si_prefix_for (2.5e3, "Ohm", &p);
  g_assert_cmpstr (p, ==, "k");
  f = flx_si_prefix_for (80e-9, "m", &p);
  g_assert_cmpstr (p, ==, "n");
  f = flx_si_prefix_for (0.5, "m", &p);
  g_assert_cmpstr (p, ==, "m");
  g_assert_cmpfloat (f, ==, 1e-3);
  f = flx_si_prefix_for (1e-3, "eV", &p);
  g_assert_cmpstr (p, ==, "m");
  /* no prefixes for temperature, compound and dimensionless units */
  f = flx_si_prefix_for (300, "K", &p);
  g_assert_cmpstr (p, ==, "");
  g_assert_cmpfloat (f, ==, 1);
  flx_si_prefix_for (1e-3, "C/m^2", &p);
  g_assert_cmpstr (p, ==, "");
  flx_si_prefix_for (1e-3, "", &p);
  g_assert_cmpstr (p, ==, "");
  flx_si_prefix_for (1e-3, NULL, &p);
  g_assert_cmpstr (p, ==, "");
  flx_si_prefix_for (0, "N", &p);
  g_assert_cmpstr (p, ==, "");
}

static void
test_axis_titles (void)
{
  struct { const char *label, *unit, *prefix; int pow10; const char *expected; } cases[] = {
    { "Force", "N", "µ", 0, "Force (µN)" },
    { "Resistance", "Ohm", "", 0, "Resistance (Ω)" },
    { "Strain", "", "", -3, "Strain (×10⁻³)" },
    { "Polarization", "C/m^2", "", -3, "Polarization (10⁻³ C/m²)" },
    { "Wavenumber", "1/m", "", 0, "Wavenumber (m⁻¹)" },
    { "Index", "", "", 0, "Index" },
    { "Index", NULL, NULL, 0, "Index" },
    { "Temperature", "K", "", 0, "Temperature (K)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = flx_axis_title (cases[i].label, cases[i].unit, cases[i].prefix, cases[i].pow10);
      g_assert_cmpstr (s, ==, cases[i].expected);
    }
}

static void
test_format (void)
{
  struct { double v, step; const char *expected; } ticks[] = {
    { 0.2, 0.2, "0.2" }, { -1.5, 0.5, "−1.5" }, { 1e-17, 0.1, "0.0" },
    { 300, 50, "300" }, { 0.025, 0.005, "0.025" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ticks); i++)
    {
      g_autofree char *s = flx_format_tick (ticks[i].v, ticks[i].step);
      g_assert_cmpstr (s, ==, ticks[i].expected);
    }
  {
    g_autofree char *a = flx_format_log_tick (1e-3);
    g_autofree char *b = flx_format_log_tick (1);
    g_autofree char *c = flx_format_log_tick (1e12);
    g_autofree char *d = flx_format_value (1.5e-5, "N");
    g_autofree char *e = flx_format_value (300, "K");
    g_autofree char *f = flx_format_value (-2.5e-3, "");
    g_autofree char *g = flx_format_value (NAN, "N");
    g_assert_cmpstr (a, ==, "10⁻³");
    g_assert_cmpstr (b, ==, "1");
    g_assert_cmpstr (c, ==, "10¹²");
    g_assert_cmpstr (d, ==, "15 µN");
    g_assert_cmpstr (e, ==, "300 K");
    g_assert_cmpstr (f, ==, "−0.0025");
    g_assert_cmpstr (g, ==, "—");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/widgets/ticks/nice-number", test_nice_number);
  g_test_add_func ("/widgets/ticks/linear", test_linear_ticks);
  g_test_add_func ("/widgets/ticks/linear-invalid", test_linear_invalid);
  g_test_add_func ("/widgets/ticks/log", test_log_ticks);
  g_test_add_func ("/widgets/ticks/log-invalid", test_log_invalid);
  g_test_add_func ("/widgets/ticks/si-prefix", test_si_prefix);
  g_test_add_func ("/widgets/ticks/axis-titles", test_axis_titles);
  g_test_add_func ("/widgets/ticks/format", test_format);
  return g_test_run ();
}
