/* test-gradients.c: the five gradient-engineering scenarios (issue 8) against their
 * formulas at one worked point each, and the review's reference numbers where it gives
 * them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "The review": Kim et al., Microstructures 6, 2026062 (2026), seed 003.  Defaults:
 * t = 20 nm, f = 10 V, eps_r = 300 (flx_gradients_params_init).
 */
#include <glib.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

#include "flx-cfr.h"
#include "flx-gradients.h"
#include "flx-model.h"

#define EPS0 8.8541878128e-12

static void
run_ok (const FlxGradientsParams *p, FlxGradientsResult *r)
{
  char err[256] = "";
  if (flx_gradients_run (p, FLX_QUALITY_FULL, r, NULL, NULL, err, sizeof err) != FLX_OK)
    g_error ("flx_gradients_run: %s", err);
  g_assert_cmpuint (strlen (r->note), >, 20);
}

static void
test_bending (void)
{
  FlxGradientsParams p;
  flx_gradients_params_init (&p);
  p.scenario = FLX_GRADIENTS_BENDING;
  FlxGradientsResult r = { 0 };
  run_ok (&p, &r);
  /* kappa = 1e5 1/m, t = 20 nm: g = kappa, P = eps0 300 10 V 1e5 = 2.656e-3 C/m^2,
   * E = f g = 1e6 V/m, V = f g t = 20 mV, surface strain kappa t / 2 = 1e-3. */
  g_assert_cmpfloat_with_epsilon (r.strain_gradient / 1e5, 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (r.polarization / (EPS0 * 300 * 10 * 1e5), 1.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (r.polarization / 2.656e-3, 1.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (r.built_in_field / 1e6, 1.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (r.voltage / 0.02, 1.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (r.surface_strain / 1e-3, 1.0, 1e-14);
  /* The profile is linear through the neutral plane: its slope is the curvature. */
  size_t n = r.profile.n;
  double slope = (r.profile.y[n - 1] - r.profile.y[0]) / (r.profile.x[n - 1] - r.profile.x[0]);
  g_assert_cmpfloat_with_epsilon (slope / 1e5, 1.0, 1e-12);
  g_assert_true (isnan (r.d_eff) && isnan (r.current_density));
  flx_gradients_result_clear (&r);
}

static void
test_misfit (void)
{
  FlxGradientsParams p;
  flx_gradients_params_init (&p);
  p.scenario = FLX_GRADIENTS_MISFIT;
  FlxGradientsResult r = { 0 };
  run_ok (&p, &r);
  /* u_m = 1 %, lambda = 10 nm, t = 20 nm: interface -u_m/lambda = -1e6 1/m; average
   * -u_m (1 - e^-2) / t = -4.3233e5 1/m.  The review: 1e5-1e6 1/m (Lee et al.). */
  g_assert_cmpfloat_with_epsilon (r.interface_gradient / -1e6, 1.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (r.strain_gradient / (-0.01 * (1 - exp (-2.0)) / 20e-9), 1.0,
                                  1e-13);
  g_assert_cmpfloat (fabs (r.strain_gradient), >=, 1e5);
  g_assert_cmpfloat (fabs (r.interface_gradient), <=, 1e6 * (1 + 1e-12));
  g_assert_cmpfloat_with_epsilon (r.built_in_field / (10 * r.strain_gradient), 1.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (r.voltage / (10 * -0.01 * (1 - exp (-2.0))), 1.0, 1e-13);
  /* Finite difference of the profile at the interface: O(h) one-sided, h = t/400. */
  double fd = (r.profile.y[1] - r.profile.y[0]) / (r.profile.x[1] - r.profile.x[0]);
  g_assert_cmpfloat_with_epsilon (fd / r.interface_gradient, 1.0, 5e-3);
  flx_gradients_result_clear (&r);
}

static void
test_indentation (void)
{
  FlxGradientsParams p;
  flx_gradients_params_init (&p);
  p.scenario = FLX_GRADIENTS_INDENTATION;
  FlxGradientsResult r = { 0 };
  run_ok (&p, &r);
  /* The cfr contact (eq 9), R = 50 nm, F = 5 uN, t = 20 nm, c33 = 336 GPa:
   * a = (4 R F t / (pi c33))^(1/4) = 11.73 nm. */
  double a = pow (4 * 50e-9 * 5e-6 * 20e-9 / (M_PI * 336e9), 0.25);
  g_assert_cmpfloat_with_epsilon (r.contact_radius / a, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (a / 11.73e-9, 1.0, 1e-3);
  /* d_eff = eps0 eps_r f / (c33 a) = 2.656e-8 / (336e9 * 11.73e-9) = 6.74 pm/V. */
  g_assert_cmpfloat_with_epsilon (r.d_eff / (EPS0 * 300 * 10 / (336e9 * a)), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.d_eff / 6.74e-12, 1.0, 2e-3);
  /* The direct gradient is cfr's closed form for the same tip. */
  FlxCfrParams cp;
  flx_cfr_params_init (&cp);
  cp.thickness = 20e-9;
  g_assert_cmpfloat_with_epsilon (r.strain_gradient / flx_cfr_gradient (&cp, 5e-6, 50e-9), 1.0,
                                  1e-12);
  /* The review's signature: d_eff grows as the contact shrinks, here d ~ 1/a ~ F^(-1/4):
   * slope of log d vs log F is -1/4 (a^4 ~ F in eq 9). */
  size_t n = r.d_eff_vs_force.n;
  double s = log (r.d_eff_vs_force.y[n - 1] / r.d_eff_vs_force.y[0])
             / log (r.d_eff_vs_force.x[n - 1] / r.d_eff_vs_force.x[0]);
  g_assert_cmpfloat_with_epsilon (s, -0.25, 1e-12);
  n = r.d_eff_vs_radius.n;
  s = log (r.d_eff_vs_radius.y[n - 1] / r.d_eff_vs_radius.y[0])
      / log (r.d_eff_vs_radius.x[n - 1] / r.d_eff_vs_radius.x[0]);
  g_assert_cmpfloat_with_epsilon (s, -1.0, 1e-12);
  flx_gradients_result_clear (&r);
}

static void
test_composition (void)
{
  FlxGradientsParams p;
  flx_gradients_params_init (&p);
  p.scenario = FLX_GRADIENTS_COMPOSITION;
  FlxGradientsResult r = { 0 };
  run_ok (&p, &r);
  /* 0.3 eV over 20 nm: E = 1.5e7 V/m, equivalent gradient E / f = 1.5e6 1/m. */
  g_assert_cmpfloat_with_epsilon (r.built_in_field / 1.5e7, 1.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (r.equivalent_gradient / 1.5e6, 1.0, 1e-14);
  /* The review's graded PZT (Agar et al.): 4.3e5 1/m; the band offset giving the same
   * field through f = 10 V over 20 nm is 4.3e5 * 10 * 20e-9 = 0.086 eV. */
  p.band_offset = 4.3e5 * 10 * 20e-9;
  flx_gradients_result_clear (&r);
  run_ok (&p, &r);
  g_assert_cmpfloat_with_epsilon (r.equivalent_gradient / 4.3e5, 1.0, 1e-12);
  g_assert_true (isnan (r.polarization));
  size_t n = r.band_edge.n;
  g_assert_cmpfloat_with_epsilon (r.band_edge.y[n - 1] - r.band_edge.y[0], p.band_offset, 1e-15);
  flx_gradients_result_clear (&r);
}

static void
test_photovoltaic (void)
{
  FlxGradientsParams p;
  flx_gradients_params_init (&p);
  p.scenario = FLX_GRADIENTS_PHOTOVOLTAIC;
  FlxGradientsResult r = { 0 };
  run_ok (&p, &r);
  /* g = 3.3e7 1/m (the review's BiFeO3 phase boundaries), f = 10 V: E = 3.3e8 V/m;
   * J = 3e-5 S/m * 3.3e8 V/m = 9.9e3 A/m^2 ~ 1 A/cm^2 (the review: "up to ~1 A cm^-2",
   * an order-of-magnitude match by the choice of sigma_ph, stated in the table). */
  g_assert_cmpfloat_with_epsilon (r.built_in_field / 3.3e8, 1.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (r.current_density / 9.9e3, 1.0, 1e-12);
  g_assert_cmpfloat (r.current_density, >, 1e3);
  g_assert_cmpfloat (r.current_density, <, 1e5);
  /* Linear response: J(2g) = 2 J(g) along the series; J(0) = 0. */
  size_t n = r.current_vs_gradient.n;
  g_assert_cmpfloat (r.current_vs_gradient.y[0], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (r.current_vs_gradient.y[n - 1]
                                  / (2 * r.current_vs_gradient.y[(n - 1) / 2]), 1.0, 1e-12);
  g_assert_nonnull (strstr (r.note, "Order-of-magnitude"));
  flx_gradients_result_clear (&r);
}

static void
test_model_adaptor (void)
{
  const FlxModel *m = flx_model_find ("gradients");
  g_assert_nonnull (m->run);
  const FlxParamSpec *sc = &m->params[flx_model_find_param (m, "scenario")];
  static const char *const names[] = { "bending", "misfit", "indentation", "composition",
                                       "photovoltaic" };
  /* Per scenario, the scalars it defines are set and the others omitted. */
  static const char *const own[][3] = {
    { "surface_strain", "voltage", "polarization" },
    { "interface_gradient", "voltage", "built_in_field" },
    { "contact_radius", "d_eff", "strain_gradient" },
    { "equivalent_gradient", "built_in_field", "voltage" },
    { "current_density", "built_in_field", "polarization" },
  };
  static const char *const absent[] = { "d_eff", "current_density", "surface_strain",
                                        "surface_strain", "contact_radius" };
  double *v = g_new (double, m->n_params);
  char err[256] = "";
  for (int k = 0; k < 5; k++)
    for (int q = 0; q < 2; q++)
      {
        flx_model_defaults (m, v);
        v[0] = flx_param_find_choice (sc, names[k]);
        g_assert_cmpfloat (v[0], ==, k);
        FlxResult *r = NULL;
        g_assert_cmpint (flx_model_run (m, v, q, &r, NULL, NULL, err, sizeof err), ==, FLX_OK);
        for (int i = 0; i < 3; i++)
          g_assert_true (flx_result_get_scalar (r, own[k][i], NULL));
        g_assert_false (flx_result_get_scalar (r, absent[k], NULL));
        size_t series = 0;
        for (size_t i = 0; i < m->n_series; i++)
          series += r->series[i].n > 1;
        g_assert_cmpuint (series, >=, 1);
        g_assert_cmpuint (strlen (r->note), >, 20);
        flx_result_free (r);
      }
  g_free (v);
}

static void
test_bad_params (void)
{
  const FlxModel *m = flx_model_find ("gradients");
  double *v = g_new (double, m->n_params);
  char err[256];
  FlxResult *r = NULL;
  static const struct { const char *name; double value; } bad[] = {
    { "scenario", 5 }, { "scenario", 1.5 }, { "thickness", 0 }, { "eps_r", 0.5 },
    { "force", 0 }, { "curvature", NAN },
  };
  for (size_t k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      flx_model_defaults (m, v);
      v[flx_model_find_param (m, bad[k].name)] = bad[k].value;
      g_assert_cmpint (flx_model_run (m, v, FLX_QUALITY_FAST, &r, NULL, NULL, err, sizeof err),
                       ==, FLX_E_PARAM);
      g_assert_null (r);
      g_assert_nonnull (strstr (err, bad[k].name));
    }
  g_free (v);
  FlxGradientsParams p;
  flx_gradients_params_init (&p);
  p.relaxation_length = -1;
  FlxGradientsResult res = { 0 };
  g_assert_cmpint (flx_gradients_run (&p, FLX_QUALITY_FAST, &res, NULL, NULL, err, sizeof err),
                   ==, FLX_E_PARAM);
}

static int
cancel_now (double fraction, void *data)
{
  (void) fraction;
  (void) data;
  return 1;
}

static void
test_cancel (void)
{
  FlxGradientsParams p;
  flx_gradients_params_init (&p);
  char err[256];
  for (int k = 0; k < FLX_GRADIENTS_N_SCENARIOS; k++)
    {
      FlxGradientsResult r = { 0 };
      p.scenario = k;
      g_assert_cmpint (flx_gradients_run (&p, FLX_QUALITY_FULL, &r, cancel_now, NULL, err,
                                          sizeof err), ==, FLX_E_CANCELLED);
      g_assert_null (r.profile.x);
      g_assert_null (r.d_eff_vs_force.x);
    }
  const FlxModel *m = flx_model_find ("gradients");
  double *v = g_new (double, m->n_params);
  flx_model_defaults (m, v);
  FlxResult *res = NULL;
  g_assert_cmpint (flx_model_run (m, v, FLX_QUALITY_FULL, &res, cancel_now, NULL, err,
                                  sizeof err), ==, FLX_E_CANCELLED);
  g_assert_null (res);
  g_free (v);
}

/* True when two results differ in any scalar (set or value) or series point. */
static gboolean
results_differ (const FlxModel *m, const FlxResult *a, const FlxResult *b)
{
  for (size_t k = 0; k < m->n_scalars; k++)
    if (a->scalar_set[k] != b->scalar_set[k]
        || (a->scalar_set[k] && a->scalars[k] != b->scalars[k]))
      return TRUE;
  for (size_t k = 0; k < m->n_series; k++)
    {
      const FlxSeries *sa = &a->series[k], *sb = &b->series[k];
      if (sa->n != sb->n)
        return TRUE;
      for (size_t i = 0; i < sa->n; i++)
        if (sa->x[i] != sb->x[i] || sa->y[i] != sb->y[i])
          return TRUE;
    }
  return FALSE;
}

/* The page hides what param_relevant calls irrelevant, so it must be exactly the inputs
 * that change the scenario's result: each number is moved a quarter of the way to the
 * far end of its range and the run compared with the unmoved one. */
static void
test_param_relevant (void)
{
  const FlxModel *m = flx_model_find ("gradients");
  double *v = g_new (double, m->n_params);
  char err[256];
  guint hidden = 0;

  g_assert_nonnull (m->param_relevant);
  for (int s = 0; s < FLX_GRADIENTS_N_SCENARIOS; s++)
    {
      FlxResult *base = NULL;
      flx_model_defaults (m, v);
      v[0] = s;
      g_assert_cmpint (flx_model_run (m, v, FLX_QUALITY_FAST, &base, NULL, NULL, err,
                                      sizeof err), ==, FLX_OK);
      g_assert_true (flx_model_param_relevant (m, 0, v)); /* the scenario itself */
      for (size_t i = 1; i < m->n_params; i++)
        {
          const FlxParamSpec *ps = &m->params[i];
          double old = v[i];
          FlxResult *moved = NULL;
          gboolean changes;

          v[i] = old + 0.25 * ((ps->max - old > old - ps->min ? ps->max : ps->min) - old);
          g_assert_cmpint (flx_model_run (m, v, FLX_QUALITY_FAST, &moved, NULL, NULL, err,
                                          sizeof err), ==, FLX_OK);
          changes = results_differ (m, base, moved);
          v[i] = old;
          if (changes != flx_model_param_relevant (m, (int) i, v))
            g_error ("scenario %d: %s changes the result: %d, called relevant: %d", s,
                     ps->name, changes, !changes);
          hidden += !changes;
          flx_result_free (moved);
        }
      flx_result_free (base);
    }
  /* 11 inputs besides the scenario; each scenario reads 3-5 of them. */
  g_assert_cmpuint (hidden, >=, 5 * 6);
  g_free (v);
}

int
main (int argc, char *argv[])
{
  gsl_set_error_handler_off ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gradients/bending", test_bending);
  g_test_add_func ("/gradients/misfit", test_misfit);
  g_test_add_func ("/gradients/indentation", test_indentation);
  g_test_add_func ("/gradients/composition", test_composition);
  g_test_add_func ("/gradients/photovoltaic", test_photovoltaic);
  g_test_add_func ("/gradients/model-adaptor", test_model_adaptor);
  g_test_add_func ("/gradients/bad-params", test_bad_params);
  g_test_add_func ("/gradients/cancel", test_cancel);
  g_test_add_func ("/gradients/param-relevant", test_param_relevant);
  return g_test_run ();
}
