/* flx-vacancy.h: tip-driven oxygen-vacancy drift-diffusion in SrTiO3 (issue 7; Kim, Kalinin,
 * Chen & Noh, "Controlled manipulation of oxygen vacancies using nanoscale
 * flexoelectricity", seed 001).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chain: tip load (Hertz sphere or flat punch) -> flx-elastic strain field on an x-z
 * section -> flexoelectric polarization from the strain gradients -> electrostatic
 * potential (Poisson, short-circuit electrodes, tip bias under the contact) ->
 * Nernst-Planck drift-diffusion of the vacancies (eq 3) with a static or scanning tip.
 * Plus the paper's phenomenology: the Boltzmann sigmoid (eq 1, Table 1) and Fick recovery
 * S(t).  flx-vacancy.c opens with the equations, sources, assumptions and method.
 *
 * Coordinates: x lateral (0 at the domain centre), z the DEPTH (0 at the surface, the
 * film thickness t at the grounded Nb:SrTiO3 electrode).  SI units throughout.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "flx-types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  FLX_VACANCY_TIP_SPHERICAL = 0, /* Hertz contact, a from the force */
  FLX_VACANCY_TIP_FLAT = 1,      /* flat-ended punch of radius contact_radius */
} FlxVacancyTip;

typedef enum {
  FLX_VACANCY_INIT_UNIFORM = 0,  /* c0 everywhere (paper's simulation, Methods) */
  FLX_VACANCY_INIT_ENRICHED = 1, /* enriched surface layer for x < 0, pristine x > 0 */
} FlxVacancyInit;

typedef struct {
  FlxVacancyTip tip;
  double tip_radius;      /* m, sphere radius R, > 0 */
  double contact_radius;  /* m, flat punch radius, > 0 */
  double force;           /* N, >= 0 */
  double bias;            /* V, tip potential; the bottom electrode is grounded */
  double time;            /* s, dwell (static tip) or scan time, > 0 */
  double scan_speed;      /* m/s, >= 0; the tip sweeps back and forth (trace/retrace) */
  double scan_length;     /* m, length of one sweep, centred on x = 0; <= width / 2 */
  double thickness;       /* m, film thickness t (also the recovery film) */
  double width;           /* m, lateral size of the section; 0 = 4 t, at least 16 a */
  double diffusivity;     /* m^2/s, D of eq 3 */
  double f_eff;           /* V, effective flexocoupling (magnitude, see the .c) */
  double eps_r;           /* 1, relative permittivity of the film */
  double air_gap;         /* m, air between the film surface and the short-circuit plane
                           * that carries the tip potential (paper: 10 dz = 0.98 nm);
                           * 0 = the surface itself is the electrode */
  double c11, c12, c44;   /* Pa, cubic stiffness of SrTiO3 (Voigt-averaged) */
  double tip_young;       /* Pa, tip modulus for Hertz; 0 = same material as the film */
  double tip_poisson;     /* 1 */
  double temperature;     /* K */
  double charge;          /* charge number of a vacancy (2) */
  double c0;              /* m^-3, pristine concentration (3.66e20, Methods) */
  FlxVacancyInit initial;
  double enrichment;      /* enriched layer holds (1 + enrichment) c0, > 0 */
  double enriched_depth;  /* m, depth of the enriched layer */
  double surface_depth;   /* m, layer averaged for "surface" observables (KPFM), >= 0 */
  double punch_edge;      /* edge rounding of the flat punch, in units of its radius (0.2) */
  size_t nx, nz;          /* grid; 0 = by quality (FAST 64 x 32, FULL 256 x 128) */
  size_t steps;           /* time steps; 0 = by quality */
  bool sweeps;            /* also run the force and bias sweeps and fit the sigmoid */
  size_t sweep_points;    /* points per sweep; 0 = by quality (FAST 8, FULL 20) */
  double sweep_force_max; /* N, force sweep 0..this (10 uN) */
  double sweep_bias_max;  /* V, bias sweep 0..this (5 V, paper Fig 2a) */
  double sweep_bias_force;/* N, force held during the bias sweep (0.6 uN, paper) */
  bool recovery;          /* compute the S(t) series and its D fit */
} FlxVacancyParams;

/* Defaults: sharp tip R = 25 nm at 4 uN (paper's simulation), 46.9 nm film, D = 1.23e-19
 * m^2/s, c0 = 3.66e20 m^-3, uniform start, static tip, 100 s. */
void      flx_vacancy_params_init (FlxVacancyParams *p);
FlxStatus flx_vacancy_params_check (const FlxVacancyParams *p, char *errmsg,
                                    size_t errmsg_len);

typedef struct {
  /* grid: nx x nz cells, cell centres x_i = x0 + (i + 1/2) dx, depth (j + 1/2) dz;
   * arrays are [j * nx + i] with j = 0 the surface row */
  size_t  nx, nz;
  double  x0, dx, dz;          /* m */
  double *nvc;                 /* (c - c_base) / c_scale at the end */
  double *dnvc;                /* change of nvc made by the tip: against the same film
                                * evolved without it (= the change for a uniform start) */
  double *potential;           /* V, at the end (tip at its final position) */
  double *field_x, *field_z;   /* V/m, E = -grad phi; field_z > 0 points DOWN */
  double *pol_x, *pol_z;       /* C/m^2, flexoelectric polarization; pol_z > 0 down */
  double *surface_x;           /* nx, m */
  double *surface_dnvc;        /* nx, tip-made change of the surface-layer NVC */
  double *surface_nvc;         /* nx, surface-layer NVC at the end */
  double  c_base, c_scale;     /* m^-3, NVC = (c - c_base) / c_scale */
  /* scalars */
  double  contact_radius;      /* m, a used by the run (Hertz or the punch) */
  double  contact_radius_hertz;/* m, Hertz a for tip_radius and force */
  double  peak_pressure;       /* Pa, p(0) for the sphere, mean for the punch */
  double  max_polarization;    /* C/m^2, |P| maximum */
  double  max_depletion;       /* most negative surface dnvc */
  double  max_enrichment;      /* most positive surface dnvc */
  /* Sideways share of a SHORT contact: of the vacancies that the tip's field starts to
   * drive out of the surface layer under a static tip in a uniform film, the share that
   * leaves through the layer's sides rather than its bottom (the initial rate of the
   * outflow tally below, computed from the potential; independent of time, D, c0 and the
   * run's initial state).  What a scanning tip, which stays ~ms on each point, does on
   * every pass (the paper's scans, Fig 4c-f); NAN without force and bias or if nothing
   * leaves.  initial_lateral / _bulk: the two outflow rates (arbitrary units). */
  double  lateral_fraction;
  double  initial_lateral, initial_bulk;
  double  gain_drop_ratio;     /* max_enrichment / -max_depletion (the paper's KPFM
                                * estimate, p. 3); NAN if no drop; can exceed 1 */
  double  surface_gain_ratio;  /* vacancies gained / lost in the surface layer; NAN if none */
  /* Net flow out of the surface layer under the contact during the run (static tip;
   * NAN when scanning), in units of the layer-cell content c0 x cells: sideways within
   * the layer and down into the bulk.  removed_lateral = lateral / (lateral + bulk),
   * clamped to [0, 1]: the share of the removed vacancies that moved sideways during
   * this run (lateral_fraction is its short-contact limit); NAN if nothing left. */
  double  outflow_lateral, outflow_bulk;
  double  removed_lateral;
  double  mass_error;          /* relative change of the total vacancy number */
  double  min_concentration;   /* m^-3, smallest c met during the run */
  double  tip_x;               /* m, final tip position */
  size_t  steps_taken;
  size_t  factorizations;
  /* sweeps (static tip, uniform start): y = remaining fraction under the contact */
  size_t  n_sweep;
  double *sweep_force, *sweep_force_nvc, *sweep_bias, *sweep_bias_nvc;
  double  fit_force[4], fit_bias[4]; /* A1, A2, X0, M of eq 1 */
  bool    fit_force_ok, fit_bias_ok;
  /* recovery: analytic S(t) for D, a 1D simulation of it and the fitted D */
  size_t  n_recovery;
  double *recovery_t, *recovery_s, *recovery_sim;
  double  recovery_d_fit;      /* m^2/s, fitted to recovery_sim; NAN if not run */
  /* Snapshots of the cross-section NVC for the page's animation (0 frames when not kept).
   * Spread evenly over the main run's steps (at most FLX_VACANCY_MAX_FRAMES): the static
   * tip's steps grow geometrically, so its frames are log-spaced in time, the scanning
   * tip's are evenly spaced.  The last frame is the final state (equals nvc). */
  size_t  n_frames;
  double *frame_time;   /* s, n_frames, physical time of each snapshot, increasing */
  double *frame_tip_x;  /* m, n_frames, tip centre x at each snapshot (scanning tip) */
  double *frame_nvc;    /* n_frames * nx * nz, NVC ([f * nx * nz + j * nx + i]), same grid as nvc */
} FlxVacancyResult;

#define FLX_VACANCY_MAX_FRAMES 48

void      flx_vacancy_result_clear (FlxVacancyResult *r);

/* Runs the chain.  On failure or cancellation *out holds nothing (cleared). */
FlxStatus flx_vacancy_run (const FlxVacancyParams *p, FlxQuality quality,
                           FlxVacancyResult *out, FlxProgressFunc progress, void *user_data,
                           char *errmsg, size_t errmsg_len);

/* ---- pieces, for tests, the bench and the GUI ------------------------------------- */

/* Hertz (Johnson 1985, eq 4.22-4.23): a = (3 F R / 4 E*)^(1/3), p0 = 3 F / (2 pi a^2),
 * 1/E* = (1 - nu^2)/E + (1 - nu_tip^2)/E_tip with E, nu the Voigt average of c11, c12,
 * c44 and tip_young = 0 meaning the same material. */
double    flx_vacancy_reduced_modulus (const FlxVacancyParams *p);
void      flx_vacancy_hertz (double force, double tip_radius, double e_star, double *a,
                             double *p0);

/* Eq 1: f(x) = A2 + (A1 - A2) / (1 + exp ((x - X0) / M)); c = {A1, A2, X0, M}. */
double    flx_vacancy_sigmoid (const double c[4], double x);
/* The x where f = level * A1 (level 0.9: the paper's "0.9 A1" onset); NAN if none. */
double    flx_vacancy_sigmoid_onset (const double c[4], double level);
/* Least-squares fit of eq 1 (GSL multifit_nlinear, trust region); c holds a starting
 * guess on entry when guess is true, otherwise one is made from the data.  n >= 5. */
FlxStatus flx_vacancy_sigmoid_fit (const double *x, const double *y, size_t n, double c[4],
                                   bool guess);
/* The same with A1 held at c[0] (eq 1's "initial value"); fits A2, X0 and M. */
FlxStatus flx_vacancy_sigmoid_fit_a1 (const double *x, const double *y, size_t n,
                                      double c[4]);
/* Table 1 of the paper: {A1, A2, X0, M}, SI (V, N). */
void      flx_vacancy_table1_electrical (double c[4]);
void      flx_vacancy_table1_mechanical (double c[4]);

/* Fick recovery (Crank, The Mathematics of Diffusion, 2nd ed. 1975, eq 4.18 with
 * thickness l, one face open and one impermeable):
 * S(t) = 1 - sum_n 8 / ((2n+1)^2 pi^2) exp (-(2n+1)^2 pi^2 D t / (4 l^2)). */
double    flx_vacancy_recovery (double t, double diffusivity, double thickness);
/* Fits D (m^2/s) to n samples S(t) of a film of the given thickness; guess > 0 starts it. */
FlxStatus flx_vacancy_recovery_fit (const double *t, const double *s, size_t n,
                                    double thickness, double guess, double *diffusivity);

/* ---- the drift-diffusion stepper (exposed for tests) ------------------------------ */

/* Backward Euler with Scharfetter-Gummel fluxes on nx x nz cells of dx x dz, no-flux
 * boundaries, split by direction (rows then columns, alternating): c >= 0 and sum(c)
 * conserved for any step, the Boltzmann distribution exp(-psi) a fixed point.  The
 * potential psi is dimensionless (z e phi / kT).  See flx-vacancy.c, item 5.
 * nx, nz >= 1 with nx nz >= 2; dx, dz > 0 (m).  Returns NULL on bad sizes or memory. */
typedef struct _FlxVacancyStepper FlxVacancyStepper;

FlxVacancyStepper *flx_vacancy_stepper_new (size_t nx, size_t nz, double dx, double dz);
void      flx_vacancy_stepper_free (FlxVacancyStepper *s);
/* Sets psi (nx * nz, [j * nx + i]; NULL = 0) and the step D dt (m^2); factorizes. */
FlxStatus flx_vacancy_stepper_set (FlxVacancyStepper *s, const double *psi, double d_dt);
/* One step in place: c <- (I - dt Kz)^-1 (I - dt Kx)^-1 c (order alternating). */
FlxStatus flx_vacancy_stepper_step (FlxVacancyStepper *s, double *c);

#ifdef __cplusplus
}
#endif
