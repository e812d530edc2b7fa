/* test-pin-label.c: the legend label of a pinned run names the parameters in which it
 * differs from the run on screen (issue 9, compare runs), without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "flx-pins.h"

static void
check (const FlxModel *m, const double *pin, const double *now, const char *expected)
{
  g_autofree char *label = flx_pin_label (m, pin, now);
  g_assert_cmpstr (label, ==, expected);
}

static void
test_label (void)
{
  const FlxModel *m = flx_model_find ("cfr");
  g_autofree double *now = g_new0 (double, m->n_params);
  g_autofree double *pin = g_new0 (double, m->n_params);
  int force = flx_model_find_param (m, "force");

  g_assert_nonnull (m);
  flx_model_defaults (m, now);
  flx_model_defaults (m, pin);
  check (m, pin, now, "pinned, same parameters");

  /* A last-digit difference (a value typed back in) is no difference. */
  pin[force] = now[force] * (1 + 4e-16);
  check (m, pin, now, "pinned, same parameters");

  /* The value in the unit a person reads (flx_units_format: SI prefixes). */
  pin[force] = 10e-6;
  check (m, pin, now, "Force 10 µN");
  pin[flx_model_find_param (m, "tip_radius")] = 165e-9;
  check (m, pin, now, "Tip radius 165 nm, Force 10 µN"); /* the table's order */

  /* Choices by name, booleans as on/off; more than three: the rest counted. */
  flx_model_defaults (m, pin);
  pin[flx_model_find_param (m, "material")] = 3; /* LaAlO3 in the cfr table */
  pin[flx_model_find_param (m, "valence_band")] = 0;
  check (m, pin, now, "Material LaAlO3, Valence band off");
  pin[flx_model_find_param (m, "tip_radius")] = 165e-9;
  pin[force] = 10e-6;
  pin[flx_model_find_param (m, "bias")] = 0.2;
  check (m, pin, now, "Material LaAlO3, Tip radius 165 nm, Force 10 µN, 2 more");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pins/label", test_label);
  return g_test_run ();
}
