/* flx-wo3.h: flexo-piezoelectricity at ferroelastic domain walls of WO3 films (issue 8;
 * Yun et al., "Flexopiezoelectricity at ferroelastic domain walls in WO3 films", Nat.
 * Commun. (2020), seed 002, "the paper").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Wall-width convention (read this first).  The strain across a macro-domain wall is
 *   eps_xx(s) = (Delta / 2) tanh(2 s / W),
 * s the distance across the wall, Delta the strain jump, W the TANGENT width: the width
 * over which a straight line with the central slope covers the whole jump.  Then the
 * gradient peaks at the centre with g_max = Delta / W exactly (= jump / (2 w) with the
 * tanh half-width w = W / 2).  The visible 5-95 % extent is 2 atanh(0.9) w = 1.47 W.
 *
 * flx-wo3.c opens with every equation, its source, the assumptions and the deviations.
 * Everything is SI.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "flx-types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FLX_WO3_MAX_ANGLES 12

typedef struct {
  /* wall and coefficients */
  double wall_width;       /* m, tangent width W (> 0) */
  double strain_jump;      /* 1, change of eps_xx across the wall, Delta (>= 0, < 0.2) */
  double d_eff;            /* m/V, measured lateral piezoresponse at the wall centre */
  double compliance;       /* m^2/N, elastic compliance s (> 0) */
  double chi;              /* 1, dielectric susceptibility (> 0) */
  double flexovoltage;     /* V, flexocoupling f: mu = chi eps0 f */
  double ginzburg;         /* N (= J/m), gradient-energy coefficient G (> 0) */
  /* domains */
  double thickness;        /* m, film thickness t (> 0) */
  double kittel_prefactor; /* m, macro-domain width at t = 100 nm: w_m = A (t/100 nm)^0.6 */
  double kittel_exponent;  /* 1, 0.6 (quasi-Kittel law of the paper, ref 25) */
  double fine_fraction;    /* 1, fine-stripe period / macro-domain width (0 < x <= 1) */
  /* angle-resolved lateral PFM */
  double noise;            /* 1, Gaussian noise rms relative to d_eff (>= 0) */
  unsigned n_angles;       /* cantilever angles, 3..FLX_WO3_MAX_ANGLES, from 45 deg */
  unsigned long seed;      /* noise seed: same parameters, same images */
  /* tip friction (Methods, "Finite-element modeling") */
  double youngs_modulus;   /* Pa (> 0) */
  double poisson;          /* 1 (-1 < nu < 0.5) */
  double friction_force;   /* N, tangential force along +x (>= 0) */
  double contact_diameter; /* m, 2a (> 0) */
  double cell_size;        /* m, periodic cell of the elastic solve, >= 8 contact diameters */
  /* grids; 0 = chosen by quality (FAST / FULL) */
  size_t map_n;            /* domain map and PFM images: map_n x map_n (>= 16) */
  size_t shear_n;          /* elastic grid: shear_n x shear_n (even, >= 16) */
} FlxWo3Params;

/* The paper's numbers: W = 15 nm (see flx-wo3.c for why not 20), Delta = 1.5 %,
 * d_eff = 6 pm/V, s = 4.1e-12 m^2/N, chi = 5000, f = -1.5 V, 200-nm film, 4 angles,
 * E = 1e11 Pa, nu = 0.25, 40 nN over a 15-nm contact, 120-nm cell. */
void      flx_wo3_params_init (FlxWo3Params *p);
FlxStatus flx_wo3_params_check (const FlxWo3Params *p, char *errmsg, size_t errmsg_len);

typedef struct {
  double *x, *y; /* owned by the result */
  size_t  n;
} FlxWo3Curve;

/* An n x n map over [x0, x0 + (n - 1) dx]^2, row-major, data[j * n + i], y upward. */
typedef struct {
  double *data;
  size_t  nx, ny;
  double  x0, y0, dx, dy; /* m: first sample, spacing */
} FlxWo3Map;

typedef struct {
  /* wall */
  double max_strain_gradient;   /* 1/m, Delta / W */
  double theta;                 /* V, d_eff / (s g eps0 chi) */
  double flexo_coefficient;     /* C/m, mu = chi eps0 f */
  double polarization;          /* C/m^2, wall polarization 2 mu g (both shear terms) */
  double polarization_single;   /* C/m^2, mu g: one term of eq 3 */
  double equilibrium_width;     /* m, tangent width 4 sqrt(G s) */
  double wall_energy;           /* J/m^2 */
  double wall_extent;           /* m, 5-95 % extent of the profile = 2 atanh(0.9) W / 2 */
  /* domains */
  double domain_period;         /* m, macro-domain width w_m (distance between macro walls) */
  double fine_period;           /* m */
  /* PFM */
  double pfm_angle_error;       /* deg, rms over wall pixels (|d| >= d_eff / 2) */
  double pfm_amplitude_error;   /* 1, rms relative amplitude error over the same pixels */
  size_t pfm_wall_pixels;
  double angles[FLX_WO3_MAX_ANGLES]; /* deg */
  /* friction */
  double shear_strain_max;      /* 1, max |eps_xy| on the surface (tensor) */
  double shear_strain_xz_max;   /* 1, max |eps_xz| (tensor), at the surface under the tip */
  double friction_traction_peak;/* Pa, q0 */
  double twin_shear_strain;     /* 1, spontaneous shear of a twin in the wall frame, jump/2 */
  double shear_to_twin_ratio;   /* 1, shear_strain_max / twin_shear_strain (paper ~1.9) */
  double contact_radius;        /* m */
  /* curves */
  FlxWo3Curve strain_profile;   /* m, 1 */
  FlxWo3Curve gradient_profile; /* m, 1/m */
  FlxWo3Curve polarization_profile; /* m, C/m^2 */
  FlxWo3Curve pfm_vs_angle;     /* deg, pm/V: measured at the brightest wall pixel */
  FlxWo3Curve pfm_fit;          /* deg, pm/V: the fitted trigonometric curve there */
  FlxWo3Curve period_vs_thickness;   /* m, m */
  FlxWo3Curve width_vs_ginzburg;     /* N, m */
  FlxWo3Curve scan_selectivity;      /* deg, 1: max tip shear projected on the twin order,
                                        shear_strain_max sin(2 phi), phi from [100] */
  /* maps (plan view, x along [001]YAO, y upward) */
  FlxWo3Map domains;            /* variant code: A1 +1, A2 +0.6, B1 -0.6, B2 -1 */
  FlxWo3Map strain_map;         /* eps_xx */
  FlxWo3Map pol_x, pol_y;       /* C/m^2, wall polarization components */
  FlxWo3Map pfm[FLX_WO3_MAX_ANGLES]; /* pm/V, simulated lateral PFM per angle (n_angles) */
  FlxWo3Map pfm_angle;          /* deg, recovered in-plane direction; 0 where the fitted
                                   amplitude is below 3 noise deviations (no direction) */
  FlxWo3Map pfm_amplitude;      /* pm/V, recovered amplitude */
  FlxWo3Map shear_surface;      /* eps_xy at the surface, centred on the contact */
  FlxWo3Map shear_section;      /* eps_xz on the x-z plane through the contact; rows
                                   y = -depth, y0 = deepest level, last row the surface */
  unsigned n_angles;
} FlxWo3Result;

void      flx_wo3_result_clear (FlxWo3Result *r);

/* The whole model.  out must be zeroed (or cleared); on error it is left cleared.
 * FAST: 96^2 map, 64^2 elastic grid; FULL: 256^2 and 256^2. */
FlxStatus flx_wo3_run (const FlxWo3Params *p, FlxQuality quality, FlxWo3Result *out,
                       FlxProgressFunc progress, void *user_data, char *errmsg,
                       size_t errmsg_len);

/* ---- the pieces, for tests and the GUI -------------------------------------------- */

/* eps_xx(s) and d eps_xx / ds of the tanh wall with tangent width W. */
double flx_wo3_wall_strain (double s, double jump, double width);
double flx_wo3_wall_gradient (double s, double jump, double width);
/* theta = d_eff / (s g eps0 chi), V (eq 2 solved for theta). */
double flx_wo3_theta (double d_eff, double compliance, double gradient, double chi);
/* mu = chi eps0 f, C/m. */
double flx_wo3_flexo_coefficient (double chi, double flexovoltage);
/* Tangent width of the Landau wall, 4 sqrt(G s) (m). */
double flx_wo3_equilibrium_width (double ginzburg, double compliance);
/* Quasi-Kittel macro-domain width A (t / 100 nm)^exponent (m). */
double flx_wo3_kittel_width (double prefactor, double exponent, double thickness);
/* Least-squares fit of S(phi_k) = a cos phi + b sin phi + c to n >= 3 samples (phi in
 * radians): returns the in-plane response vector (dx, dy) = (-b, a) whose component
 * perpendicular to a cantilever at angle phi, (-sin phi, cos phi), the signal measures.
 * FLX_E_PARAM if the angles are degenerate. */
FlxStatus flx_wo3_trig_fit (const double *phi, const double *signal, size_t n,
                            double *dx, double *dy, double *offset);

#ifdef __cplusplus
}
#endif
