/* test-lsmo.c: the LSMO electro-thermal model (seed 004, SI5 and SI6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <gsl/gsl_errno.h>

#include "flx-lsmo.h"
#include "flx-model.h"

/* A small network keeps the whole file well under 30 s (also under valgrind/ASan). */
static void
small_params (FlxLsmoParams *p, size_t nx, size_t ny)
{
  flx_lsmo_params_init (p);
  p->nx = nx;
  p->ny = ny;
  p->store_frames = false;
}

static void
test_analytic_paper (void)
{
  FlxLsmoParams p;
  FlxLsmoAnalytic a;
  char err[256] = "";

  flx_lsmo_params_init (&p); /* SI5 p. 7: T_c 340, T_0 100, alpha 20, L 100 µm, t 20 nm */
  g_assert_cmpint (flx_lsmo_analytic (&p, &a, err, sizeof err), ==, FLX_OK);
  /* Paper SI5: d_c = 2.2 µm, 2 significant figures (±0.05 µm), eq 5.7. */
  g_assert_cmpfloat_with_epsilon (a.critical_width, 2.2e-6, 0.05e-6);
  /* Paper SI5: V_th = 15.4 V (±0.05 V), eq 5.8 with rho_M = 2e-6 Ohm m. */
  g_assert_cmpfloat_with_epsilon (a.threshold_voltage, 15.4, 0.05);
  /* With the printed Ohm cm (rho_M = 2e-8 Ohm m) V_th is 10x smaller: 1.54 V. */
  p.rho_m = 2e-8;
  g_assert_cmpint (flx_lsmo_analytic (&p, &a, err, sizeof err), ==, FLX_OK);
  g_assert_cmpfloat_with_epsilon (a.threshold_voltage, 1.54, 0.01);
}

/* Value of the cubic 5.3 and its derivative in x = d/L at voltage v. */
static void
cubic_eval (const FlxLsmoParams *p, double v, double x, double *f, double *df)
{
  double a = p->alpha_ratio, tl = p->thickness / p->length, dt0 = p->t_c - p->t_substrate;
  double A = p->kappa_s * a * a, B = 2 * p->kappa_s * a + 2 * p->kappa_f * a * a * tl;
  double C = p->kappa_s + 4 * p->kappa_f * a * tl
             - (a + 1) * p->thickness * v * v / (p->rho_m * dt0 * p->length * p->length);
  double D = 2 * p->kappa_f * tl;
  *f = ((A * x + B) * x + C) * x + D;
  *df = (3 * A * x + 2 * B) * x + C;
}

static void
test_analytic_cubic (void)
{
  FlxLsmoParams p;
  FlxLsmoAnalytic a;
  flx_lsmo_params_init (&p);
  g_assert_cmpint (flx_lsmo_analytic (&p, &a, NULL, 0), ==, FLX_OK);
  /* The cubic's threshold is a double root: f = f' = 0 there (eq 5.3, Fig S5.2a).
   * Scale: D, the smallest term at x -> 0; rounding leaves ~1e-12 of it. */
  double f, df, x = a.critical_width_cubic / p.length;
  cubic_eval (&p, a.threshold_voltage_cubic, x, &f, &df);
  double D = 2 * p.kappa_f * p.thickness / p.length;
  g_assert_cmpfloat (fabs (f) / D, <, 1e-9);
  g_assert_cmpfloat (fabs (df) / D * x, <, 1e-9);
  /* SI5: "the two approaches give almost the same results" (Fig S5.3): the cubic drops
   * only the d << L approximation, so they differ by O(d_c/L)-weighted terms; we find
   * 2 % on V_th and 13 % on d_c, and require 5 % and 20 %. */
  g_assert_cmpfloat (fabs (a.threshold_voltage_cubic / a.threshold_voltage - 1), <, 0.05);
  g_assert_cmpfloat (fabs (a.critical_width_cubic / a.critical_width - 1), <, 0.20);
  /* No positive root below the threshold; at it the stable root is d_c; above it the
   * barrier is wider (it grows with voltage, Fig 2b inset). */
  g_assert_cmpfloat (flx_lsmo_barrier_width_cubic (&p, 0.99 * a.threshold_voltage_cubic), ==, 0);
  double w1 = flx_lsmo_barrier_width_cubic (&p, 1.0001 * a.threshold_voltage_cubic);
  double w2 = flx_lsmo_barrier_width_cubic (&p, 1.5 * a.threshold_voltage_cubic);
  g_assert_cmpfloat (fabs (w1 / a.critical_width_cubic - 1), <, 0.05);
  g_assert_cmpfloat (w2, >, 2 * w1);
}

static void
test_resistance_eq61 (void)
{
  FlxLsmoParams p;
  flx_lsmo_params_init (&p);
  /* eq 6.1 by hand at 100 K: alpha = 1.2, the logistic is e^-28.8 ~ 3e-13, so
   * R = 18.5 e^1.2 / 3 = 20.4744 Ohm (the cap rounding is e^-300 away). */
  double d;
  g_assert_cmpfloat_with_epsilon (flx_lsmo_resistance (&p, 100, 340, &d), 18.5 * exp (1.2) / 3, 1e-9);
  /* At T_c the logistic is 1/2: R = 18.5 e^4.08 (1/3 + 1/3). */
  g_assert_cmpfloat_with_epsilon (flx_lsmo_resistance (&p, 340, 340, NULL) / (18.5 * exp (4.08) * 2 / 3),
                                  1.0, 1e-6);
  /* The derivative against a central difference, h = 1e-4 K: truncation ~h^2 R''' / 6
   * (relative ~1e-9 here) plus rounding ~1e-16 R / h; allow 1e-6 and 50x the rounding. */
  for (double T = 60; T < 460; T += 37)
    {
      double h = 1e-4;
      double fd = (flx_lsmo_resistance (&p, T + h, 340, NULL)
                   - flx_lsmo_resistance (&p, T - h, 340, NULL)) / (2 * h);
      double R = flx_lsmo_resistance (&p, T, 340, &d);
      g_assert_cmpfloat (fabs (d - fd), <=, 1e-6 * fabs (fd) + 5e-15 * R / h);
    }
}

/* Uniform network: each row is 2 nx resistors R in series (two per node), ny rows in
 * parallel and no current across: R_net = 2 nx R / ny. */
static void
test_uniform_resistance (void)
{
  FlxLsmoParams p;
  FlxLsmoNetwork *net = NULL;
  char err[256] = "";
  small_params (&p, 16, 8);
  g_assert_cmpint (flx_lsmo_network_new (&p, &net, err, sizeof err), ==, FLX_OK);
  for (double T = 60; T <= 420; T += 60)
    {
      double R;
      g_assert_cmpint (flx_lsmo_network_resistance (net, T, &R), ==, FLX_OK);
      double expect = 2.0 * p.nx / p.ny * flx_lsmo_resistance (&p, T, p.t_c, NULL);
      g_assert_cmpfloat (fabs (R / expect - 1), <, 1e-10); /* direct solve: rounding only */
    }
  /* A steady state at 1 mV heats by ~1e-13 K: V / I is the cold resistance. */
  flx_lsmo_network_set_uniform (net, p.t_substrate);
  FlxLsmoPoint pt = { 0 };
  g_assert_cmpint (flx_lsmo_network_solve (net, 1e-3, &pt, err, sizeof err), ==, FLX_OK);
  double expect = 2.0 * p.nx / p.ny * flx_lsmo_resistance (&p, p.t_substrate, p.t_c, NULL);
  g_assert_cmpfloat (fabs (pt.voltage / pt.current / expect - 1), <, 1e-9);
  flx_lsmo_network_free (net);
}

/* Up-sweep on the network API until past the current maximum; returns the state there. */
static void
test_conservation (void)
{
  FlxLsmoParams p;
  FlxLsmoNetwork *net = NULL;
  char err[256] = "";
  small_params (&p, 24, 12);
  g_assert_cmpint (flx_lsmo_network_new (&p, &net, err, sizeof err), ==, FLX_OK);
  FlxLsmoPoint pt = { 0 };
  /* Through the NDR onset (~5.8 kV at 100 K) into the barrier state. */
  for (int k = 1; k <= 40; k++)
    {
      g_assert_cmpint (flx_lsmo_network_solve (net, 8000.0 * k / 40, &pt, err, sizeof err), ==, FLX_OK);
      double kirch, scale, joule, heat;
      flx_lsmo_network_check (net, &kirch, &scale, &joule, &heat);
      /* Kirchhoff: the potentials come from a direct Cholesky solve, so every node's
       * imbalance is rounding, ~1e-16 of the currents through it (~N of them). */
      g_assert_cmpfloat (kirch, <=, 1e-11 * scale);
      /* Energy: sum over nodes of the heat residual is Joule - heat out, each node's
       * residual below tol (1e-7 K) times its conductance (<= 6 k_h): relative to a
       * Joule power of >= 10 W, < N 6 k_h tol / 10 W ~ 7e-6. */
      g_assert_cmpfloat (fabs (joule - heat), <=, 1e-5 * joule);
    }
  g_assert_cmpfloat (pt.barrier_fraction, >, 0); /* we did reach the barrier */
  flx_lsmo_network_free (net);
}

static void
run_sweep (double t_sub, FlxLsmoMode mode, double top, FlxLsmoResult *r)
{
  FlxLsmoParams p;
  char err[256] = "";
  small_params (&p, 40, 20);
  p.t_substrate = t_sub;
  p.mode = mode;
  p.v_max = top;
  p.i_max = top;
  p.steps = 60;
  FlxStatus st = flx_lsmo_run (&p, r, NULL, NULL, err, sizeof err);
  if (st != FLX_OK)
    g_test_message ("flx_lsmo_run: %s", err);
  g_assert_cmpint (st, ==, FLX_OK);
}

static void
test_ndr_100K (void)
{
  FlxLsmoResult r;
  /* Fig S6c: N-type NDR below 300 K.  The network (SI6 units) peaks near 5.8 kV. */
  run_sweep (100, FLX_LSMO_VOLTAGE, 9000, &r);
  g_assert_true (r.ndr);
  g_assert_cmpfloat (r.ndr_onset_voltage, >, 0);
  g_assert_cmpfloat (r.ndr_onset_voltage, <, 9000);
  /* Fig 3: the barrier nucleates at the centre of a symmetric device and spans the
   * width; its centroid is the centre to within one column (1/40). */
  const FlxLsmoPoint *top = &r.up[r.n_up - 1];
  g_assert_cmpfloat (top->barrier_fraction, >, 0);
  g_assert_cmpfloat (fabs (top->barrier_center - 0.5), <=, 1.0 / 40);
  g_assert_cmpfloat (r.barrier_width_final, ==, top->barrier_fraction);
  /* No barrier before the NDR onset. */
  g_assert_cmpfloat (r.up[r.n_up / 4].barrier_fraction, ==, 0);
  /* The sweep down ends where it started (volatile switching). */
  g_assert_cmpfloat (r.down[r.n_down - 1].current, ==, 0);
  flx_lsmo_result_clear (&r);
}

static void
test_no_ndr_330K (void)
{
  FlxLsmoResult r;
  /* Fig S6c: no NDR at 330 K; the whole channel heats through T_c gradually. */
  run_sweep (330, FLX_LSMO_VOLTAGE, 30000, &r);
  g_assert_false (r.ndr);
  for (size_t k = 1; k < r.n_up; k++)
    g_assert_cmpfloat (r.up[k].current, >, r.up[k - 1].current);
  flx_lsmo_result_clear (&r);
}

static void
test_current_control (void)
{
  FlxLsmoResult rv, ri;
  /* Fig 1b / Fig 3: under current control the switch is abrupt, at the current
   * maximum of the voltage-controlled curve (beyond it the metallic state is gone). */
  run_sweep (100, FLX_LSMO_VOLTAGE, 9000, &rv);
  run_sweep (100, FLX_LSMO_CURRENT, 35, &ri);
  g_assert_true (ri.ndr);
  g_assert_cmpfloat (ri.switching_current, >, 0);
  /* The switch happens within one current step (35/59 A) above the V-controlled peak. */
  g_assert_cmpfloat (ri.switching_current, >=, rv.max_current - 1e-6);
  g_assert_cmpfloat (ri.switching_current, <=, rv.max_current + 35.0 / 59 + 1e-6);
  flx_lsmo_result_clear (&rv);
  flx_lsmo_result_clear (&ri);
}

/* Random T_c disorder: reproducible by its seed, and it breaks the mirror symmetry
 * (the nucleus sits where T_c is locally low, not necessarily at the centre). */
static void
sweep_currents (uint64_t seed, double *I, int n)
{
  FlxLsmoParams p;
  FlxLsmoNetwork *net = NULL;
  char err[256] = "";
  small_params (&p, 24, 12);
  p.disorder = 5;
  p.seed = seed;
  g_assert_cmpint (flx_lsmo_network_new (&p, &net, err, sizeof err), ==, FLX_OK);
  for (int k = 0; k < n; k++)
    {
      FlxLsmoPoint pt = { 0 };
      g_assert_cmpint (flx_lsmo_network_solve (net, 8000.0 * (k + 1) / n, &pt, err, sizeof err), ==, FLX_OK);
      I[k] = pt.current;
    }
  flx_lsmo_network_free (net);
}

static void
test_disorder (void)
{
  enum { N = 24 };
  double a[N], b[N], c[N];
  sweep_currents (7, a, N);
  sweep_currents (7, b, N);
  sweep_currents (8, c, N);
  int differ = 0;
  for (int k = 0; k < N; k++)
    {
      g_assert_cmpfloat (a[k], ==, b[k]); /* same seed, same arithmetic */
      differ += a[k] != c[k];
    }
  g_assert_cmpint (differ, >, 0);
}

/* Regression against the solver before the performance work (commit bfaeb64: full grid,
 * no mirror folding, the old pseudo-time step control), computed with that code at
 * 100 K, constriction 0.02, 120 points to 10 kV (35 A).  The folded grid and the new step
 * control change the arithmetic, not the equations, so the steady states must agree to
 * solver tolerance: every node's heat residual is below tol = 1e-7 K, and currents move
 * with T through d ln R / dT <= lambda / 4 + alpha_slope = 0.042 / K, i.e. by < 5e-9
 * relative (lowering tol to 1e-10 moved these numbers by < 4e-12; the two solvers
 * differ by < 7e-9 over six sweeps).  We allow 1e-7.  The NDR onset is the vertex of
 * the parabola through the three points around the maximum, ~5 V/A times the current
 * errors: also < 1e-7 relative.  A different branch after a switch would move them by
 * a whole sweep step (84 V) or the current by tens of percent. */
typedef struct {
  size_t nx, ny;
  FlxLsmoMode mode;
  double onset, end, max_current, barrier, down_mid, switching;
} Reference;

static void
test_regression (void)
{
  const Reference refs[] = {
    /* 25 x 50: odd width, folded along x only */
    { 50, 25, FLX_LSMO_VOLTAGE, 5252.2021073737324, 7142.8571428571431, 27.214059273153133,
      0.089299820183810538, 10.8487444514898, 0 },
    /* 24 x 48: folded along x and y */
    { 48, 24, FLX_LSMO_VOLTAGE, 5252.20171976003, 7394.95798319328, 27.2139564082034,
      0.0911920923524656, 10.5288512448212, 0 },
    /* current control: the switch at the same current step */
    { 50, 25, FLX_LSMO_CURRENT, 4917.19128647928, 246387.317872442, 34.9999999999977, 1.0,
      17.3529411764695, 27.352941176468857 },
  };
  for (size_t k = 0; k < G_N_ELEMENTS (refs); k++)
    {
      const Reference *ref = &refs[k];
      FlxLsmoParams p;
      FlxLsmoResult r;
      char err[256] = "";
      small_params (&p, ref->nx, ref->ny);
      p.mode = ref->mode;
      p.constriction = 0.02;
      p.v_max = 10e3;
      p.i_max = 35;
      p.steps = 120;
      g_assert_cmpint (flx_lsmo_run (&p, &r, NULL, NULL, err, sizeof err), ==, FLX_OK);
      g_assert_true (r.ndr);
      g_assert_cmpfloat (fabs (r.ndr_onset_voltage / ref->onset - 1), <, 1e-7);
      g_assert_cmpfloat (fabs (r.ndr_end_voltage / ref->end - 1), <, 1e-7);
      g_assert_cmpfloat (fabs (r.max_current / ref->max_current - 1), <, 1e-7);
      g_assert_cmpfloat (fabs (r.barrier_width_final - ref->barrier), <, 1e-7);
      g_assert_cmpfloat (fabs (r.down[60].current / ref->down_mid - 1), <, 1e-7);
      g_assert_cmpfloat (fabs (r.switching_current - ref->switching), <, 1e-7 * ref->max_current);
      flx_lsmo_result_clear (&r);
    }
}

/* The barrier reported by the solver against the stored temperature map: the columns
 * whose coolest node is above its T_c.  Their centroid and the reported one (linear
 * interpolation between column centres) differ by less than one column.  Checked for a
 * folded symmetric grid and for an unfolded one with disorder (off-centre barrier). */
static void
test_barrier_from_map (void)
{
  for (int dis = 0; dis < 2; dis++)
    {
      FlxLsmoParams p;
      FlxLsmoResult r;
      char err[256] = "";
      small_params (&p, 24, 12);
      p.store_frames = true;
      p.constriction = dis ? 0 : 0.02;
      p.disorder = dis ? 5 : 0;
      p.seed = 2; /* the barrier nucleates 2.5 columns left of the centre */
      p.v_max = 9000;
      p.steps = 40;
      g_assert_cmpint (flx_lsmo_run (&p, &r, NULL, NULL, err, sizeof err), ==, FLX_OK);
      size_t seen = 0;
      for (size_t k = 0; k < r.n_up; k++)
        {
          const FlxLsmoPoint *pt = &r.up[k];
          double n = 0, mom = 0;
          for (size_t i = 0; i < r.nx; i++)
            {
              double cmin = INFINITY;
              for (size_t j = 0; j < r.ny; j++)
                cmin = fmin (cmin, pt->temperature[j * r.nx + i] - r.tc_local[j * r.nx + i]);
              if (cmin > 0)
                n++, mom += (i + 0.5) / r.nx;
            }
          g_assert_cmpint (n > 0, ==, pt->barrier_fraction > 0);
          if (n > 0)
            {
              g_assert_cmpfloat (fabs (mom / n - pt->barrier_center), <, 1.0 / r.nx);
              seen++;
            }
        }
      g_assert_cmpuint (seen, >, 0);
      flx_lsmo_result_clear (&r);
    }
}

static int
cancel_cb (double fraction, void *user_data)
{
  int *calls = user_data;
  (*calls)++;
  return fraction > 0.1; /* stop once the sweep has started */
}

static void
test_cancel (void)
{
  FlxLsmoParams p;
  FlxLsmoResult r;
  char err[256] = "";
  int calls = 0;
  small_params (&p, 16, 8);
  p.store_frames = true;
  p.steps = 2000; /* long enough for the throttled callback to come back */
  g_assert_cmpint (flx_lsmo_run (&p, &r, cancel_cb, &calls, err, sizeof err), ==, FLX_E_CANCELLED);
  g_assert_cmpint (calls, >=, 2);
  g_assert_null (r.up); /* everything freed (leaks: valgrind / ASan runs) */
  g_assert_null (r.rt_resistance);
}

static void
test_diverged (void)
{
  FlxLsmoParams p;
  FlxLsmoNetwork *net = NULL;
  char err[256] = "";
  small_params (&p, 16, 8);
  p.max_iter = 1; /* one iteration cannot reach 1e-7 K from the cold state at 3 kV */
  g_assert_cmpint (flx_lsmo_network_new (&p, &net, err, sizeof err), ==, FLX_OK);
  FlxLsmoPoint pt = { 0 };
  g_assert_cmpint (flx_lsmo_network_solve (net, 3000, &pt, err, sizeof err), ==, FLX_E_DIVERGED);
  g_assert_nonnull (strstr (err, "no steady state"));
  flx_lsmo_network_free (net);
}

static void
test_bad_params (void)
{
  FlxLsmoParams p;
  FlxLsmoResult r;
  FlxLsmoAnalytic a;
  char err[256];

  flx_lsmo_params_init (&p);
  g_assert_cmpint (flx_lsmo_params_check (&p, NULL, 0), ==, FLX_OK);
  p.nx = 1;
  err[0] = 0;
  g_assert_cmpint (flx_lsmo_run (&p, &r, NULL, NULL, err, sizeof err), ==, FLX_E_PARAM);
  g_assert_cmpstr (err, !=, "");
  flx_lsmo_params_init (&p);
  p.lambda = NAN;
  g_assert_cmpint (flx_lsmo_params_check (&p, NULL, 0), ==, FLX_E_PARAM);
  flx_lsmo_params_init (&p);
  p.k_h = -1;
  g_assert_cmpint (flx_lsmo_params_check (&p, NULL, 0), ==, FLX_E_PARAM);
  flx_lsmo_params_init (&p);
  p.t_substrate = 400; /* above T_c: SI5 has no threshold */
  g_assert_cmpint (flx_lsmo_analytic (&p, &a, err, sizeof err), ==, FLX_E_PARAM);

  /* Through the registry: a value outside the table's range. */
  const FlxModel *m = flx_model_find ("lsmo");
  double v[64];
  g_assert_nonnull (m);
  g_assert_cmpuint (m->n_params, <=, G_N_ELEMENTS (v));
  flx_model_defaults (m, v);
  v[flx_model_find_param (m, "lambda")] = -1;
  FlxResult *res = NULL;
  g_assert_cmpint (flx_model_run (m, v, FLX_QUALITY_FAST, &res, NULL, NULL, err, sizeof err), ==, FLX_E_PARAM);
  g_assert_null (res);
}

static void
test_model_run (void)
{
  const FlxModel *m = flx_model_find ("lsmo");
  double v[64];
  char err[256] = "";
  FlxResult *res = NULL;
  flx_model_defaults (m, v);
  FlxStatus st = flx_model_run (m, v, FLX_QUALITY_FAST, &res, NULL, NULL, err, sizeof err);
  if (st != FLX_OK)
    g_test_message ("run: %s", err);
  g_assert_cmpint (st, ==, FLX_OK);
  double x;
  g_assert_true (flx_result_get_scalar (res, "critical_width", &x));
  g_assert_cmpfloat_with_epsilon (x, 2.2e-6, 0.05e-6); /* paper, as above */
  g_assert_true (flx_result_get_scalar (res, "threshold_voltage", &x));
  g_assert_cmpfloat_with_epsilon (x, 15.4, 0.05);
  g_assert_true (flx_result_get_scalar (res, "ndr", &x));
  g_assert_cmpfloat (x, ==, 1); /* defaults: 100 K, below 300 K */
  g_assert_true (flx_result_get_scalar (res, "ndr_onset_voltage", &x));
  const char *series[] = { "iv_up", "iv_down", "barrier_width_vs_voltage",
                           "resistance_vs_temperature", "critical_width_vs_alpha",
                           "threshold_voltage_cubic_vs_thickness" };
  for (size_t i = 0; i < G_N_ELEMENTS (series); i++)
    {
      const FlxSeries *s = flx_result_get_series (res, series[i]);
      g_assert_nonnull (s);
      g_assert_cmpuint (s->n, >, 1);
    }
  const FlxField *f = flx_result_get_field (res, "temperature_map");
  g_assert_nonnull (f);
  g_assert_nonnull (f->data);
  g_assert_nonnull (res->extra);
  flx_result_free (res);

  /* At 330 K there is no NDR and the onset voltage is omitted, not NaN. */
  v[flx_model_find_param (m, "t_substrate")] = 330;
  v[flx_model_find_param (m, "v_max")] = 30000;
  g_assert_cmpint (flx_model_run (m, v, FLX_QUALITY_FAST, &res, NULL, NULL, err, sizeof err), ==, FLX_OK);
  g_assert_true (flx_result_get_scalar (res, "ndr", &x));
  g_assert_cmpfloat (x, ==, 0);
  g_assert_false (flx_result_get_scalar (res, "ndr_onset_voltage", &x));
  flx_result_free (res);
}

int
main (int argc, char *argv[])
{
  gsl_set_error_handler_off ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lsmo/analytic/paper", test_analytic_paper);
  g_test_add_func ("/lsmo/analytic/cubic", test_analytic_cubic);
  g_test_add_func ("/lsmo/network/resistance-eq61", test_resistance_eq61);
  g_test_add_func ("/lsmo/network/uniform-resistance", test_uniform_resistance);
  g_test_add_func ("/lsmo/network/conservation", test_conservation);
  g_test_add_func ("/lsmo/sweep/ndr-100K", test_ndr_100K);
  g_test_add_func ("/lsmo/sweep/no-ndr-330K", test_no_ndr_330K);
  g_test_add_func ("/lsmo/sweep/current-control", test_current_control);
  g_test_add_func ("/lsmo/network/disorder", test_disorder);
  g_test_add_func ("/lsmo/sweep/regression", test_regression);
  g_test_add_func ("/lsmo/sweep/barrier-from-map", test_barrier_from_map);
  g_test_add_func ("/lsmo/errors/cancel", test_cancel);
  g_test_add_func ("/lsmo/errors/diverged", test_diverged);
  g_test_add_func ("/lsmo/errors/bad-params", test_bad_params);
  g_test_add_func ("/lsmo/model/run", test_model_run);
  return g_test_run ();
}
