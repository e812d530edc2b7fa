/* flx-cfr.h: colossal flexoresistance (issue 5; Park et al., "Colossal flexoresistance in
 * dielectrics", Nat. Commun. 11, 2586 (2020), seed 000).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chain: AFM tip contact (eq 9) -> elastic field of an isotropic half-space
 * (flx-elastic) -> film-averaged transverse strain gradient -> flexoelectric polarization
 * (eq 2) -> depolarisation band tilt -> WKB tunnelling (eqs 4-8) -> measured resistivity
 * (eq 14).  flx-cfr.c opens with every equation, its source and the deviations.
 *
 * Sign convention (read this first).  x3 in the maps and z in this API is the DEPTH below
 * the tip, 0 at the film surface, t at the SrRuO3 electrode.  The strain gradient is
 * g = d(u11 + u22)/dz averaged over the film = [u_t(depth t) - u_t(surface)] / t, which is
 * POSITIVE under a pressing tip (the surface is compressed more than the film bottom) and
 * equals minus the paper's d u_t / d x3 with x3 pointing up.  The paper (Fig 3c, text)
 * quotes the magnitude, ~3.5e7 1/m, so our numbers compare directly.  P > 0 points down,
 * towards the SrRuO3 electrode; delta_phi = e P t / (2 eps) > 0 raises the barrier at the
 * tip-side interface to phi0 + delta_phi and lowers the SrRuO3 side to phi0 - delta_phi.
 *
 * Energies in eV, everything else SI.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "flx-elastic.h"
#include "flx-types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  /* tip and film */
  double tip_radius;    /* m, R of eq 9, > 0 */
  double force;         /* N, >= 0 */
  double thickness;     /* m, film thickness t = h_def of eq 9 = WKB width d0, > 0 */
  /* elasticity */
  double c11, c12, c44; /* Pa, cubic constants, Voigt-averaged to the isotropic solid */
  double c33;           /* Pa, contact stiffness of eq 9 (336 GPa in the paper) */
  double e33;           /* C/m^2, piezoelectric term of eq 9 (0 for SrTiO3) */
  /* flexoelectricity and bands */
  double eps_r;         /* 1, relative permittivity of the film */
  double f_eff;         /* V, effective flexocoupling */
  double bandgap;       /* eV, Delta_bg */
  double phi0;          /* eV, barrier height at P = 0 */
  bool   valence_band;  /* cap the barrier at the band gap (Fig 1b solid line) */
  double bias;          /* V, tip potential relative to SrRuO3 (see flx_cfr_current) */
  /* measurement layer (Methods, "Tunneling measurements") */
  double rho_unloaded;  /* Ohm m, calibration: effective resistivity at delta_phi = 0 */
  double r_series;      /* Ohm, SrRuO3 bottom electrode (70.4 kOhm) */
  double compliance;    /* A, current limit of the I-V sweep (20 nA) */
  double noise_floor;   /* A rms, instrument noise (a few pA) */
  double sweep_bias;    /* V, I-V sweeps run over +-max(sweep_bias, |bias|) (0.5 V) */
  unsigned long seed;   /* noise seed: same parameters, same curve */
  /* sweeps */
  double sweep_force_max; /* N, resistance_vs_force runs 0..this (25 uN) */
  size_t sweep_points;    /* points per force sweep, >= 2 (101) */
} FlxCfrParams;

/* The paper's SrTiO3 case at 15 uN, R = 100 nm, t = 3.9 nm, bias 0.1 V. */
void      flx_cfr_params_init (FlxCfrParams *p);
/* FLX_E_PARAM with a message naming the field when something is out of range. */
FlxStatus flx_cfr_params_check (const FlxCfrParams *p, char *errmsg, size_t errmsg_len);

typedef enum {
  FLX_CFR_TRAPEZOID = 0, /* delta_phi < phi0: eqs 5-6 */
  FLX_CFR_TRIANGLE,      /* phi0 <= delta_phi, valence band not reached: eqs 7-8 */
  FLX_CFR_VALENCE,       /* valence band at the Fermi level: phi = Delta_bg */
} FlxCfrRegime;

typedef struct {
  double *x, *y; /* owned by the result */
  size_t  n;
} FlxCfrCurve;

#define FLX_CFR_N_TIPS 3 /* the paper's tips: 100, 165 and 215 nm (Fig 3b, c) */
extern const double flx_cfr_tip_radii[FLX_CFR_N_TIPS];

typedef struct {
  /* contact, eq 9 */
  double contact_radius;      /* m */
  double indentation_depth;   /* m */
  double peak_pressure;       /* Pa */
  /* elasticity */
  FlxElasticMaterial material; /* Voigt average */
  double strain_gradient;     /* 1/m, film average on the axis, closed form (exact) */
  double strain_gradient_grid;/* 1/m, the same from the 3D spectral grid (FAST/FULL) */
  double surface_strain;      /* 1, u11 + u22 at the contact centre */
  /* electrostatics */
  double polarization;        /* C/m^2, eq 2 */
  double delta_phi;           /* eV */
  double barrier_tip, barrier_bottom; /* eV, phi0 +- delta_phi */
  FlxCfrRegime regime;
  double resistance_ratio;    /* R/R0 at low bias */
  double threshold_polarization; /* C/m^2, eq 3 */
  double threshold_gradient;  /* 1/m */
  double threshold_force;     /* N; valid only if threshold_force_found */
  bool   threshold_force_found;
  /* measurement layer */
  double resistance_junction; /* Ohm, low-bias STO junction resistance */
  double resistance_measured; /* Ohm, with SrRuO3 and the detection limit */
  double resistivity;         /* Ohm m, eq 14 on the measured resistance; NaN if a = 0 */
  /* curves (x, y) */
  FlxCfrCurve r_vs_delta_phi;   /* eV, R/R0 (Fig 1b, valence band as set) */
  FlxCfrCurve r_vs_delta_phi_novb; /* eV, R/R0 without the valence band (dashed) */
  FlxCfrCurve r_vs_force;       /* N, R/R0 for this tip */
  FlxCfrCurve r_vs_gradient;    /* 1/m, R/R0 for this tip */
  FlxCfrCurve rho_vs_force;     /* N, Ohm m, measured, this tip */
  FlxCfrCurve tip_rho_vs_force[FLX_CFR_N_TIPS];    /* N, Ohm m (Fig 3b) */
  FlxCfrCurve tip_rho_vs_gradient[FLX_CFR_N_TIPS]; /* 1/m, Ohm m (Fig 3c collapse) */
  FlxCfrCurve iv;               /* V, A: junction + SrRuO3, no instrument */
  FlxCfrCurve iv_measured;      /* V, A: with compliance and noise (Fig 3a) */
  FlxCfrCurve band_conduction;  /* m (depth), eV relative to the SrRuO3 Fermi level */
  FlxCfrCurve band_valence;     /* m, eV */
  FlxCfrCurve band_barrier;     /* m, eV: the effective tunnel barrier (Fig 1a red) */
  FlxCfrCurve fermi_tip;        /* m, eV: two points inside the tip (z < 0) */
  FlxCfrCurve fermi_bottom;     /* m, eV: two points inside SrRuO3 (z > t) */
  /* maps on the x1-x3 section through the axis, map[l * map_nx + i] at
   * x1 = map_x0 + i dx, depth z = l * t / (map_nz - 1) (l = 0 is the surface). */
  size_t  map_nx, map_nz;
  double  map_x0, map_dx;     /* m */
  double *gradient_map;       /* 1/m, d(u11 + u22)/dz */
  double *polarization_map;   /* C/m^2 */
  double *u11_map;            /* 1, transverse strain u11 (Fig 2b) */
  /* grid used */
  size_t  grid_n, grid_nz;
  double  grid_length;        /* m, periodic cell */
} FlxCfrResult;

/* Frees every array of r and zeroes it; safe on a zeroed or already cleared result. */
void      flx_cfr_result_clear (FlxCfrResult *r);

/* The whole chain.  out must be zeroed (or cleared) by the caller; on error it is left
 * cleared.  FAST: 64 x 64 grid, 16 film levels; FULL: 256 x 256, 64 levels.
 * progress is polled between stages and inside the grid evaluation. */
FlxStatus flx_cfr_run (const FlxCfrParams *p, FlxQuality quality, FlxCfrResult *out,
                       FlxProgressFunc progress, void *user_data, char *errmsg,
                       size_t errmsg_len);

/* ---- the pieces, exposed for tests, the bench and the GUI ------------------------- */

/* Eq 9: contact radius a (m), indentation depth (m) and peak pressure p(0) (Pa) for a
 * force F (N) on a tip of radius R (m); bias only enters through e33. */
void   flx_cfr_contact (const FlxCfrParams *p, double force, double tip_radius,
                        double *a, double *h_ind, double *p0);
/* Eq 9 pressure at radius r (Pa), 0 outside the contact. */
double flx_cfr_pressure (double r, double a, double tip_radius, double thickness, double c33);
/* Closed-form u11 + u22 on the axis at depth z under p0 (1 - r^2/a^2) (superposed
 * Boussinesq point loads, Johnson 1985 eq 3.21, integrated analytically). */
double flx_cfr_axis_inplane_strain (const FlxElasticMaterial *m, double p0, double a,
                                    double z);
/* Film-averaged strain gradient (1/m, > 0 under load) for a force, closed form. */
double flx_cfr_gradient (const FlxCfrParams *p, double force, double tip_radius);
/* Eq 3: P_th = eps Delta_bg / (e t) in C/m^2 (bandgap in eV, so P_th = eps V_bg / t). */
double flx_cfr_threshold_polarization (double eps_r, double bandgap, double thickness);
/* WKB exponent (the argument of exp(-...)) of eqs 5-8 for barrier change dphi (eV) at
 * bias V (V); regime (may be NULL) receives the case used. */
double flx_cfr_wkb_exponent (double phi0, double dphi, double d0, double bandgap,
                             bool valence_band, double bias, FlxCfrRegime *regime);
/* Low-bias R/R0 = exp(kappa(dphi) - kappa(0)) (Fig 1b), exponent clamped to +-700. */
double flx_cfr_resistance_ratio (double phi0, double dphi, double d0, double bandgap,
                                 bool valence_band);
/* Current (A) of one conduction channel, eqs 5-8: sign(V) (2e/h) exp(-kappa) e|V|. */
double flx_cfr_current (double phi0, double dphi, double d0, double bandgap,
                        bool valence_band, double bias);

#ifdef __cplusplus
}
#endif
