/* flx-lsmo.h: electro-thermal metal-to-insulator switching in LSMO (seed 004, SI5 and SI6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two models of the same device (an LSMO channel between two electrodes on a cold
 * substrate):
 *  - the analytic barrier model of SI5 (eqs 5.1-5.8): minimum barrier width d_c and
 *    threshold voltage V_th, from the approximations 5.7/5.8 and from the full cubic 5.3;
 *  - the electro-thermal resistor network of SI6 (eqs 6.1-6.3), swept in voltage or in
 *    current, giving I-V curves, negative differential resistance (NDR) and the
 *    transverse insulating barrier.
 * Everything is SI.  The network's own quantities (R0 in Ohm, k_h in W/K per node, C_V in
 * J/K per node) are in the units of SI6, which make its voltages kilovolts rather than the
 * experiment's tens of volts; see flx-lsmo.c.  All structs are caller-owned.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flx-types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  FLX_LSMO_VOLTAGE = 0, /* the left electrode is held at the bias voltage */
  FLX_LSMO_CURRENT = 1, /* the left electrode is fed with the bias current */
} FlxLsmoMode;

typedef struct {
  /* Sweep */
  FlxLsmoMode mode;
  double   t_substrate;   /* K, substrate (and electrode) temperature; T_0 of SI5 */
  double   v_max;         /* V, top of the voltage sweep */
  double   i_max;         /* A, top of the current sweep */
  size_t   steps;         /* bias points per direction, >= 2 (0 and the top included) */

  /* SI6 network, eqs 6.1-6.3 */
  size_t   nx, ny;        /* nodes along the channel (current direction) and across it, >= 2 */
  double   lambda;        /* 1/K, sharpness of the transition in eq 6.1 */
  double   r0;            /* Ohm, R0 of eq 6.1 (18.5) */
  double   m;             /* resistance ratio insulator/metal at fixed alpha, eq 6.1 (3) */
  double   alpha_slope;   /* 1/K, eq 6.2: alpha = alpha_slope * min (T, t_alpha_cap) (0.012) */
  double   t_alpha_cap;   /* K, eq 6.2 (400) */
  double   c_v;           /* J/K per node, heat capacity of eq 6.3 (2.0) */
  double   k_h;           /* W/K per node and per neighbour, eq 6.3 (0.4) */
  double   disorder;      /* K, standard deviation of the local T_c (0 = uniform) */
  uint64_t seed;          /* seed of the disorder */
  double   constriction;  /* fractional extra resistance of the centre (narrower centre), >= 0 */

  /* Shared by SI5 and SI6 */
  double   t_c;           /* K, metal-insulator transition temperature (340) */

  /* SI5 analytic model */
  double   rho_m;         /* Ohm m, metallic resistivity (2e-6, see flx-lsmo.c) */
  double   alpha_ratio;   /* (rho_I - rho_M) / rho_M (20) */
  double   length;        /* m, channel length L (100 µm); also the network's length */
  double   thickness;     /* m, film thickness t (20 nm) */
  double   kappa_s;       /* W/(K m^2), film-substrate heat transfer (5e6) */
  double   kappa_f;       /* W/(K m^2), lateral in-film heat transfer (3e8) */

  /* Solver */
  double   tol;           /* K, steady state when every node's heat residual / its
                           * conductance is below tol (1e-7) */
  size_t   max_iter;      /* nonlinear iterations per bias point before FLX_E_DIVERGED (2000) */
  bool     store_frames;  /* keep the temperature and potential maps of every point */
} FlxLsmoParams;

/* Fills p with the paper's values (SI5 text p. 7, SI6) and the defaults of the model
 * table: 50 x 100 nodes, 120 steps, T_sub = 100 K, lambda = FLX_LSMO_LAMBDA_DEFAULT. */
void flx_lsmo_params_init (FlxLsmoParams *p);

/* Checks ranges; FLX_E_PARAM with a message naming the field. */
FlxStatus flx_lsmo_params_check (const FlxLsmoParams *p, char *errmsg, size_t errmsg_len);

/* lambda of eq 6.1 (1/K), chosen by the evidence in flx-lsmo.c: NDR at 60-300 K and
 * none at 330 K, as Fig S6c. */
#define FLX_LSMO_LAMBDA_DEFAULT 0.12

/* ---- SI5: analytic barrier model ------------------------------------------------ */

typedef struct {
  double critical_width;          /* m, d_c from eq 5.7 */
  double threshold_voltage;       /* V, V_th from eq 5.8 */
  double critical_width_cubic;    /* m, double root of the full cubic 5.3 */
  double threshold_voltage_cubic; /* V, voltage at which 5.3 first has a positive root */
} FlxLsmoAnalytic;

/* Uses t_c, t_substrate (T_0), rho_m, alpha_ratio, length, thickness, kappa_s, kappa_f,
 * with T_I = T_c and T_M = T_0 as in SI5.  FLX_E_PARAM unless t_c > t_substrate. */
FlxStatus flx_lsmo_analytic (const FlxLsmoParams *p, FlxLsmoAnalytic *out,
                             char *errmsg, size_t errmsg_len);

/* Stable barrier width (m) at the applied voltage: the larger positive root of eq 5.3;
 * 0 below the threshold (no positive root).  Capped at the length. */
double flx_lsmo_barrier_width_cubic (const FlxLsmoParams *p, double voltage);

/* ---- SI6: resistor network --------------------------------------------------------- */

/* Resistance of one of a node's four resistors (Ohm), eqs 6.1-6.2, with the local
 * transition temperature tc; *dr_dt (may be NULL) receives dR/dT in Ohm/K. */
double flx_lsmo_resistance (const FlxLsmoParams *p, double temperature, double tc,
                            double *dr_dt);

/* One steady state of the network, or a sweep point. */
typedef struct {
  double bias;             /* V or A: the controlled quantity */
  double voltage;          /* V, left electrode potential */
  double current;          /* A, current through the device */
  double barrier_fraction; /* length fraction of the channel whose coolest node across the
                            * width is above T_c (a transverse barrier), 0..1 */
  double barrier_center;   /* centroid of that length as a fraction of the length; NaN-free:
                            * 0.5 when there is no barrier */
  double t_max;            /* K, hottest node */
  double t_center;         /* K, node nearest the centre of the channel */
  double joule_power;      /* W, V * I */
  double heat_out;         /* W, heat to the substrate and the electrodes */
  size_t iterations;       /* nonlinear iterations used */
  double *temperature;     /* K, ny * nx row-major (j * nx + i); NULL unless stored */
  double *potential;       /* V, same layout; NULL unless stored */
} FlxLsmoPoint;

typedef struct {
  FlxLsmoMode mode;
  size_t  nx, ny;
  double  length, width;      /* m, the map's extent; width = length * ny / nx */
  size_t  n_up, n_down;
  FlxLsmoPoint *up, *down;    /* the sweep up (0 to the top) and back down */

  /* NDR, from the voltage-controlled sweep up: a current maximum followed by a fall of
   * more than 0.1 %.  Under current control: an abrupt switch (see flx-lsmo.c). */
  bool    ndr;
  double  ndr_onset_voltage;  /* V, only meaningful when ndr */
  double  ndr_end_voltage;    /* V, voltage of the current minimum after the maximum */
  double  switching_current;  /* A, current control: current at the jump; else 0 */
  double  max_current;        /* A */
  double  barrier_width_final;/* fraction of the length, at the top of the sweep up */

  /* Network R(T) at uniform temperature (Fig S6b) */
  size_t  n_rt;
  double *rt_temperature;     /* K */
  double *rt_resistance;      /* Ohm */

  /* Local transition temperature of each node (K), ny * nx; with disorder it differs. */
  double *tc_local;
  /* Local resistance scale (constriction), ny * nx. */
  double *r_scale;

  FlxLsmoAnalytic analytic;
} FlxLsmoResult;

/* What the lsmo model's run puts in FlxResult.extra for its page: the parameters it ran
 * with and every sweep frame (temperature and potential maps) to animate. */
typedef struct {
  FlxLsmoParams params;
  FlxLsmoResult result;
} FlxLsmoExtra;

void flx_lsmo_extra_free (void *extra);

/* Runs the analytic model, the network R(T) and the sweep (up then down) of p->mode.
 * On success fills *out (free with flx_lsmo_result_clear).  On failure or cancellation
 * frees everything and leaves *out zeroed. */
FlxStatus flx_lsmo_run (const FlxLsmoParams *p, FlxLsmoResult *out,
                        FlxProgressFunc progress, void *user_data,
                        char *errmsg, size_t errmsg_len);

void flx_lsmo_result_clear (FlxLsmoResult *r);

/* Local resistance map (Ohm, ny * nx) for a stored frame's temperatures. */
void flx_lsmo_resistance_map (const FlxLsmoParams *p, const FlxLsmoResult *r,
                              const double *temperature, double *out);

/* ---- Lower level: the network workspace (for tests and the benchmark) -------------- */

typedef struct _FlxLsmoNetwork FlxLsmoNetwork;

/* Builds the grid and its symbolic factorisations (done once and reused). */
FlxStatus flx_lsmo_network_new (const FlxLsmoParams *p, FlxLsmoNetwork **out,
                                char *errmsg, size_t errmsg_len);
void      flx_lsmo_network_free (FlxLsmoNetwork *net);

/* Sets every node to temperature (K), e.g. to restart a sweep. */
void      flx_lsmo_network_set_uniform (FlxLsmoNetwork *net, double temperature);

/* Steady state at the bias (V or A by p->mode), starting from the network's current
 * state (continuation).  Fills pt (temperature/potential copied if pt's arrays are
 * non-NULL, ny * nx each).  FLX_E_DIVERGED with a message if no steady state is reached
 * within max_iter iterations, or on NaN. */
FlxStatus flx_lsmo_network_solve (FlxLsmoNetwork *net, double bias, FlxLsmoPoint *pt,
                                  char *errmsg, size_t errmsg_len);

/* Network resistance (Ohm) with every node at temperature (no self-heating). */
FlxStatus flx_lsmo_network_resistance (FlxLsmoNetwork *net, double temperature,
                                       double *resistance);

/* Diagnostics of the present state: largest Kirchhoff current imbalance at any node (A),
 * the scale it is relative to (the device current, A), and the energy balance. */
void      flx_lsmo_network_check (FlxLsmoNetwork *net, double *max_kirchhoff,
                                  double *current_scale, double *joule_power,
                                  double *heat_out);

/* Read-only views of the present state, ny * nx. */
const double *flx_lsmo_network_temperature (const FlxLsmoNetwork *net);
const double *flx_lsmo_network_potential (const FlxLsmoNetwork *net);

#ifdef __cplusplus
}
#endif
