/* flx-model-lsmo.c: registry table and adaptor for electro-thermal switching in LSMO
 * (seed 004, SI5 and SI6); the physics is in flx-lsmo.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Voltages and currents of the network are in SI6's units (R0 = 18.5 Ohm, k_h = 0.4 W/K
 * per node), which put the switching at kilovolts and tens of amperes; they scale as
 * sqrt (k_h), so k_h = 5e-6 W/K gives the experiment's tens of volts with the same shapes.
 */
#include "flx-models.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../flx-lsmo.h"

static const char *const modes[] = { "voltage", "current", NULL };

static const FlxParamSpec params[] = {
  { "mode", "Control", "", NULL, FLX_PARAM_CHOICE, 0, 0, 1, modes, false,
    "Sweep the voltage or the current." },
  { "t_substrate", "Substrate temperature", "K", NULL, FLX_PARAM_NUMBER, 100, 60, 330, NULL, false,
    "Temperature of the substrate (paper: 60-330 K)." },
  { "v_max", "Maximum voltage", "V", "kV", FLX_PARAM_NUMBER, 10e3, 1, 1e6, NULL, true,
    "Upper end of the voltage sweep (SI6 network units: switching near 6 kV at 100 K)." },
  { "i_max", "Maximum current", "A", NULL, FLX_PARAM_NUMBER, 35, 1e-6, 1e4, NULL, true,
    "Upper end of the current sweep (SI6 network units: switching near 27 A at 100 K)." },
  { "steps", "Sweep points", "", NULL, FLX_PARAM_NUMBER, 120, 2, 2000, NULL, false,
    "Number of bias points in each sweep direction." },
  { "lambda", "Lambda (eq 6.1)", "1/K", NULL, FLX_PARAM_NUMBER, FLX_LSMO_LAMBDA_DEFAULT, 0, 10, NULL, false,
    "Sharpness of the transition in the network R(T), eq 6.1 (printed \"1 2 x 10-4\"; "
    "0.12 1/K reproduces NDR below 300 K and none at 330 K, see flx-lsmo.c)." },
  { "nx", "Grid length", "", NULL, FLX_PARAM_NUMBER, 100, 4, 1000, NULL, false,
    "Network nodes along the channel (paper: 100)." },
  { "ny", "Grid width", "", NULL, FLX_PARAM_NUMBER, 50, 2, 1000, NULL, false,
    "Network nodes across the channel (paper: 50)." },
  { "t_c", "Transition temperature", "K", NULL, FLX_PARAM_NUMBER, 340, 100, 500, NULL, false,
    "Metal-insulator transition temperature (paper: 340 K)." },
  { "rho_m", "Metallic resistivity", "ohm*m", NULL, FLX_PARAM_NUMBER, 2e-6, 1e-9, 1e-2, NULL, true,
    "Resistivity of the metallic phase; 2e-6 Ohm m reproduces the paper's V_th = 15.4 V "
    "(the paper prints Ohm cm)." },
  { "alpha_ratio", "Resistivity contrast", "", NULL, FLX_PARAM_NUMBER, 20, 0.1, 1e4, NULL, true,
    "alpha = (rho_I - rho_M) / rho_M (paper: 20)." },
  { "length", "Device length", "m", "µm", FLX_PARAM_NUMBER, 100e-6, 1e-6, 10e-3, NULL, true,
    "Channel length L (paper: 100 µm)." },
  { "thickness", "Film thickness", "m", "nm", FLX_PARAM_NUMBER, 20e-9, 1e-9, 1e-6, NULL, true,
    "Film thickness t (paper: 20 nm)." },
  { "kappa_s", "Substrate conductance", "W/(K*m^2)", NULL, FLX_PARAM_NUMBER, 5e6, 1e3, 1e10, NULL, true,
    "Heat transfer coefficient to the substrate (paper: 5e6 W/(K m^2))." },
  { "kappa_f", "Film conductance", "W/(K*m^2)", NULL, FLX_PARAM_NUMBER, 3e8, 1e5, 1e12, NULL, true,
    "Lateral heat transfer coefficient of the film (paper: 3e8 W/(K m^2))." },
  { "k_h", "Node heat conductance", "W/K", NULL, FLX_PARAM_NUMBER, 0.4, 1e-9, 100, NULL, true,
    "k_h of eq 6.3 (paper: 0.4); voltages and currents scale as its square root." },
  { "disorder", "T_c disorder", "K", NULL, FLX_PARAM_NUMBER, 0, 0, 50, NULL, false,
    "Standard deviation of the local transition temperature (0: uniform film)." },
  { "seed", "Disorder seed", "", NULL, FLX_PARAM_NUMBER, 1, 0, 1e9, NULL, false,
    "Seed of the random T_c disorder." },
  /* Default 2 %: eq 6.3 leaves the interior temperature flat, so a perfectly uniform
   * channel nucleates symmetric pairs of stripes (measured: two 2-column barriers at 0.41 L
   * and 0.58 L at 6 kV, 100 K).  A 2 % narrower centre makes it nucleate at the centre and
   * widen with voltage as in the paper's Fig 3 (one barrier, 10 % -> 16 % of L from 6 to
   * 10 kV) while NDR below 300 K and none at 330 K are unchanged. */
  { "constriction", "Centre constriction", "", NULL, FLX_PARAM_NUMBER, 0.02, 0, 1, NULL, false,
    "Extra resistance of a narrower centre (fraction, Gaussian over 5 % of the length); "
    "2 % makes the barrier nucleate at the centre as in Fig 3." },
  { "map_at", "Map at", "", NULL, FLX_PARAM_NUMBER, 1, 0, 1, NULL, false,
    "Sweep point of the maps, as a fraction of the sweep up (1: its top)." },
};

static const FlxScalarSpec scalars[] = {
  { "critical_width", "Critical barrier width", "m", "d_c, eq 5.7." },
  { "threshold_voltage", "Threshold voltage", "V", "V_th, eq 5.8." },
  { "critical_width_cubic", "Critical width (cubic)", "m", "From the full cubic, eq 5.3." },
  { "threshold_voltage_cubic", "Threshold voltage (cubic)", "V", "From the full cubic, eq 5.3." },
  { "ndr", "NDR present", "", "1 when the I-V shows negative differential resistance." },
  { "ndr_onset_voltage", "NDR onset voltage", "V", "Voltage of the current maximum." },
  { "max_current", "Maximum current", "A", "Largest current in the sweep." },
  { "barrier_width_final", "Final barrier width", "", "Fraction of the channel above T_c." },
  { "ndr_end_voltage", "NDR end voltage", "V", "Voltage of the current minimum after the maximum." },
  { "switching_current", "Switching current", "A", "Current control: current of the abrupt switch." },
  { "barrier_center", "Barrier centre", "", "Centroid of the barrier at the top of the sweep, fraction of the length." },
};

static const FlxSeriesSpec series[] = {
  { "iv_up", "I-V, sweep up", "Voltage", "V", "Current", "A" },
  { "iv_down", "I-V, sweep down", "Voltage", "V", "Current", "A" },
  { "barrier_width_vs_voltage", "Barrier width vs voltage", "Voltage", "V", "Barrier width", "" },
  { "resistance_vs_temperature", "Network R(T)", "Temperature", "K", "Resistance", "ohm", true },
  { "peak_temperature_vs_voltage", "Hottest node", "Voltage", "V", "Temperature", "K" },
  { "center_temperature_vs_voltage", "Centre temperature", "Voltage", "V", "Temperature", "K" },
  { "barrier_width_analytic_vs_voltage", "Barrier width, eq 5.3", "Voltage", "V", "Barrier width", "" },
  { "critical_width_vs_alpha", "d_c vs alpha, eq 5.7", "Resistivity ratio", "", "d_c", "m" },
  { "critical_width_cubic_vs_alpha", "d_c vs alpha, eq 5.3", "Resistivity ratio", "", "d_c", "m" },
  { "threshold_voltage_vs_alpha", "V_th vs alpha, eq 5.8", "Resistivity ratio", "", "V_th", "V" },
  { "threshold_voltage_cubic_vs_alpha", "V_th vs alpha, eq 5.3", "Resistivity ratio", "", "V_th", "V" },
  { "critical_width_vs_length", "d_c vs L, eq 5.7", "Length", "m", "d_c", "m" },
  { "critical_width_cubic_vs_length", "d_c vs L, eq 5.3", "Length", "m", "d_c", "m" },
  { "threshold_voltage_vs_length", "V_th vs L, eq 5.8", "Length", "m", "V_th", "V" },
  { "threshold_voltage_cubic_vs_length", "V_th vs L, eq 5.3", "Length", "m", "V_th", "V" },
  { "critical_width_vs_thickness", "d_c vs t, eq 5.7", "Thickness", "m", "d_c", "m" },
  { "critical_width_cubic_vs_thickness", "d_c vs t, eq 5.3", "Thickness", "m", "d_c", "m" },
  { "threshold_voltage_vs_thickness", "V_th vs t, eq 5.8", "Thickness", "m", "V_th", "V" },
  { "threshold_voltage_cubic_vs_thickness", "V_th vs t, eq 5.3", "Thickness", "m", "V_th", "V" },
};

static const FlxFieldSpec fields[] = {
  { "temperature_map", "Temperature", "K", "x", "y", false },
  { "resistance_map", "Local resistance", "ohm", "x", "y", false },
  { "potential_map", "Potential", "V", "x", "y", false },
};

enum {
  P_MODE, P_T_SUB, P_V_MAX, P_I_MAX, P_STEPS, P_LAMBDA, P_NX, P_NY, P_T_C, P_RHO_M, P_ALPHA,
  P_LENGTH, P_THICKNESS, P_KAPPA_S, P_KAPPA_F, P_K_H, P_DISORDER, P_SEED, P_CONSTRICTION,
  P_MAP_AT, P_COUNT
};
_Static_assert (FLX_N_ELEMENTS (params) == P_COUNT, "parameter enum out of step with the table");

/* Fig S5.3: d_c and V_th against one SI5 input, approximation and cubic. */
static FlxStatus
s53_series (FlxResult *out, const FlxLsmoParams *base, const char *which, double lo, double hi)
{
  enum { NPT = 60 };
  double x[NPT], dc[NPT], vt[NPT], dcc[NPT], vtc[NPT];
  for (int k = 0; k < NPT; k++)
    {
      FlxLsmoParams p = *base;
      double v = lo * pow (hi / lo, k / (NPT - 1.0));
      if (strcmp (which, "alpha") == 0)
        p.alpha_ratio = v;
      else if (strcmp (which, "length") == 0)
        p.length = v;
      else
        p.thickness = v;
      FlxLsmoAnalytic a;
      FlxStatus st = flx_lsmo_analytic (&p, &a, NULL, 0);
      if (st != FLX_OK)
        return st;
      x[k] = v;
      dc[k] = a.critical_width;
      vt[k] = a.threshold_voltage;
      dcc[k] = a.critical_width_cubic;
      vtc[k] = a.threshold_voltage_cubic;
    }
  char name[64];
  FlxStatus st = FLX_OK;
#define PUT(fmt, y) \
  do { snprintf (name, sizeof name, fmt, which); \
       if (st == FLX_OK) st = flx_result_set_series (out, name, x, y, NPT); } while (0)
  PUT ("critical_width_vs_%s", dc);
  PUT ("critical_width_cubic_vs_%s", dcc);
  PUT ("threshold_voltage_vs_%s", vt);
  PUT ("threshold_voltage_cubic_vs_%s", vtc);
#undef PUT
  return st;
}

/* Validity (issue 9): eq 6.2's alpha(T) is a fit capped at t_alpha_cap (400 K): hotter
 * nodes use an extrapolated R(T); and a barrier narrower than two nodes along the channel
 * is not resolved by the network. */
static void
lsmo_warning (const FlxLsmoParams *p, const FlxLsmoResult *r, char *buf, size_t len)
{
  double tmax = 0;
  for (size_t k = 0; k < r->n_up; k++)
    tmax = fmax (tmax, r->up[k].t_max);
  double w = r->barrier_width_final;
  if (tmax > p->t_alpha_cap)
    snprintf (buf, len, "Hottest node %.0f K is beyond the %.0f K end of the fitted R(T) "
              "(eq 6.2): resistances and the barrier there are extrapolated.", tmax,
              p->t_alpha_cap);
  else if (w > 0 && w * (double) r->nx < 2)
    snprintf (buf, len, "The barrier (%.2g %% of the channel) spans fewer than two network "
              "nodes: refine the grid length to resolve it.", 100 * w);
}

static FlxStatus
lsmo_run (const double *values, FlxQuality quality, FlxResult *out,
          FlxProgressFunc progress, void *user_data, char *errmsg, size_t errmsg_len)
{
  FlxLsmoExtra *ex = calloc (1, sizeof *ex);
  if (ex == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
  FlxLsmoParams *p = &ex->params;
  flx_lsmo_params_init (p);
  p->mode = values[P_MODE] > 0.5 ? FLX_LSMO_CURRENT : FLX_LSMO_VOLTAGE;
  p->t_substrate = values[P_T_SUB];
  p->v_max = values[P_V_MAX];
  p->i_max = values[P_I_MAX];
  p->steps = (size_t) lround (values[P_STEPS]);
  p->lambda = values[P_LAMBDA];
  p->nx = (size_t) lround (values[P_NX]);
  p->ny = (size_t) lround (values[P_NY]);
  p->t_c = values[P_T_C];
  p->rho_m = values[P_RHO_M];
  p->alpha_ratio = values[P_ALPHA];
  p->length = values[P_LENGTH];
  p->thickness = values[P_THICKNESS];
  p->kappa_s = values[P_KAPPA_S];
  p->kappa_f = values[P_KAPPA_F];
  p->k_h = values[P_K_H];
  p->disorder = values[P_DISORDER];
  p->seed = (uint64_t) llround (values[P_SEED]);
  p->constriction = values[P_CONSTRICTION];
  if (quality == FLX_QUALITY_FAST)
    {
      /* Half the grid (the substrate term is rescaled per node area, so it is the same
       * device) and half the points: ~8x less work while a slider moves. */
      size_t nx = p->nx, ny = p->ny;
      p->nx = nx / 2 < 4 ? (nx < 4 ? nx : 4) : nx / 2;
      p->ny = ny / 2 < 2 ? (ny < 2 ? ny : 2) : ny / 2;
      /* Even sides let the solver fold a symmetric device to its quarter (flx-lsmo.c):
       * 50 x 100 becomes 24 x 48, not 25 x 50, 3x faster (37 against 108 ms); the
       * length follows so that the cells keep the full grid's shape. */
      if (p->ny % 2 == 1 && p->ny > 2)
        {
          p->ny -= 1;
          size_t nx2 = 2 * (size_t) lround (nx * (double) p->ny / (2.0 * ny));
          p->nx = nx2 < 4 ? p->nx : nx2;
        }
      p->steps = p->steps / 2 < 2 ? 2 : p->steps / 2;
    }

  FlxLsmoResult *r = &ex->result;
  FlxStatus st = flx_lsmo_run (p, r, progress, user_data, errmsg, errmsg_len);
  if (st != FLX_OK)
    {
      free (ex);
      return st;
    }

  size_t n = r->n_up, N = r->nx * r->ny;
  double *x = malloc (n * sizeof (double)), *y = malloc (n * sizeof (double));
  if (x == NULL || y == NULL)
    {
      st = flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
      goto done;
    }
#define SERIES(name, arr, field)                                            \
  do { for (size_t k = 0; k < n; k++) { x[k] = arr[k].voltage; y[k] = arr[k].field; } \
       if (st == FLX_OK) st = flx_result_set_series (out, name, x, y, n); } while (0)
  SERIES ("iv_up", r->up, current);
  SERIES ("iv_down", r->down, current);
  SERIES ("barrier_width_vs_voltage", r->up, barrier_fraction);
  SERIES ("peak_temperature_vs_voltage", r->up, t_max);
  SERIES ("center_temperature_vs_voltage", r->up, t_center);
#undef SERIES
  if (st == FLX_OK)
    st = flx_result_set_series (out, "resistance_vs_temperature", r->rt_temperature,
                                r->rt_resistance, r->n_rt);

  if (p->t_c > p->t_substrate)
    {
      flx_result_set_scalar (out, "critical_width", r->analytic.critical_width);
      flx_result_set_scalar (out, "threshold_voltage", r->analytic.threshold_voltage);
      flx_result_set_scalar (out, "critical_width_cubic", r->analytic.critical_width_cubic);
      flx_result_set_scalar (out, "threshold_voltage_cubic", r->analytic.threshold_voltage_cubic);
      /* eq 5.3's stable root up to 4 V_th (SI5's own voltage scale, not the network's) */
      for (size_t k = 0; k < n; k++)
        {
          x[k] = 4 * r->analytic.threshold_voltage_cubic * k / (n - 1.0);
          y[k] = flx_lsmo_barrier_width_cubic (p, x[k]) / p->length;
        }
      if (st == FLX_OK)
        st = flx_result_set_series (out, "barrier_width_analytic_vs_voltage", x, y, n);
      if (st == FLX_OK)
        st = s53_series (out, p, "alpha", 1, 1000);
      if (st == FLX_OK)
        st = s53_series (out, p, "length", 1e-6, 1e-3);
      if (st == FLX_OK)
        st = s53_series (out, p, "thickness", 1e-9, 1e-6);
    }
  flx_result_set_scalar (out, "ndr", r->ndr ? 1.0 : 0.0);
  if (r->ndr)
    {
      flx_result_set_scalar (out, "ndr_onset_voltage", r->ndr_onset_voltage);
      flx_result_set_scalar (out, "ndr_end_voltage", r->ndr_end_voltage);
    }
  if (r->switching_current > 0)
    flx_result_set_scalar (out, "switching_current", r->switching_current);
  flx_result_set_scalar (out, "max_current", r->max_current);
  flx_result_set_scalar (out, "barrier_width_final", r->barrier_width_final);
  flx_result_set_scalar (out, "barrier_center", r->up[n - 1].barrier_center);

  if (st == FLX_OK && r->up[0].temperature != NULL)
    {
      size_t k = (size_t) lround (values[P_MAP_AT] * (n - 1));
      const FlxLsmoPoint *pt = &r->up[k];
      /* Node centres: each node is a cell of length/nx by width/ny. */
      double hx = 0.5 * r->length / r->nx, hy = 0.5 * r->width / r->ny;
      double *t = flx_result_alloc_field (out, "temperature_map", r->nx, r->ny,
                                          hx, r->length - hx, hy, r->width - hy);
      double *rm = flx_result_alloc_field (out, "resistance_map", r->nx, r->ny,
                                           hx, r->length - hx, hy, r->width - hy);
      double *pm = flx_result_alloc_field (out, "potential_map", r->nx, r->ny,
                                           hx, r->length - hx, hy, r->width - hy);
      if (t == NULL || rm == NULL || pm == NULL)
        st = flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
      else
        {
          memcpy (t, pt->temperature, N * sizeof (double));
          memcpy (pm, pt->potential, N * sizeof (double));
          flx_lsmo_resistance_map (p, r, pt->temperature, rm);
        }
    }
  if (st == FLX_OK)
    snprintf (out->note, sizeof out->note,
              "%s; network in SI6 units (k_h = %g W/K per node); rho_M in Ohm m, not the "
              "printed Ohm cm, reproduces V_th = 15.4 V.",
              r->ndr ? (p->mode == FLX_LSMO_CURRENT ? "abrupt switching" : "N-type NDR")
                     : "no NDR", p->k_h);

done:
  free (x);
  free (y);
  if (st != FLX_OK)
    {
      flx_lsmo_extra_free (ex);
      return st;
    }
  lsmo_warning (p, r, out->warning, sizeof out->warning);
  out->extra = ex;
  out->free_extra = flx_lsmo_extra_free;
  return FLX_OK;
}

const FlxModel flx_model_lsmo = {
  "lsmo", "LSMO switching",
  "Joule heating drives an insulating barrier across an LSMO channel and bends the "
  "I-V curve into negative differential resistance.",
  "Electro-thermal metal-to-insulator switching in La0.7Sr0.3MnO3 (seed 004, SI5 and SI6)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), fields, FLX_N_ELEMENTS (fields),
  lsmo_run,
};
