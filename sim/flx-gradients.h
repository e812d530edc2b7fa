/* flx-gradients.h: the gradient-engineering explorer (issue 8; review "Strain, field and
 * chemical gradient engineering in complex oxide heterostructures", Kim et al.,
 * Microstructures 6, 2026062 (2026), seed 003, "the review").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Five small scenarios, each one formula (flx-gradients.c lists them with sources):
 * bending, misfit relaxation, tip indentation (converse flexoelectric PFM, with the cfr
 * contact model), compositional / defect gradient, flexo-photovoltaic response.
 * Flexoelectric coefficient mu = eps0 eps_r f_eff (as cfr's eq 2); SI, band offsets in eV.
 */
#pragma once

#include <stddef.h>

#include "flx-types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  FLX_GRADIENTS_BENDING = 0,
  FLX_GRADIENTS_MISFIT,
  FLX_GRADIENTS_INDENTATION,
  FLX_GRADIENTS_COMPOSITION,
  FLX_GRADIENTS_PHOTOVOLTAIC,
  FLX_GRADIENTS_N_SCENARIOS
} FlxGradientsScenario;

typedef struct {
  FlxGradientsScenario scenario;
  double thickness;         /* m, membrane / film / graded-layer thickness (> 0) */
  double curvature;         /* 1/m, bending (>= 0) */
  double misfit_strain;     /* 1, strain at the interface (|x| < 0.2) */
  double relaxation_length; /* m, decay length of the misfit strain (> 0) */
  double force;             /* N, tip load (> 0) */
  double tip_radius;        /* m (> 0) */
  double band_offset;       /* eV, band-edge change across the graded layer */
  double f_eff;             /* V, flexocoupling */
  double eps_r;             /* 1, relative permittivity (>= 1) */
  double gradient;          /* 1/m, imposed strain gradient (photovoltaic) */
  double photoconductivity; /* S/m, under illumination (>= 0) */
} FlxGradientsParams;

/* Defaults: SrTiO3-like eps_r = 300, f = 10 V, 20-nm layer; see flx-gradients.c. */
void      flx_gradients_params_init (FlxGradientsParams *p);
FlxStatus flx_gradients_params_check (const FlxGradientsParams *p, char *errmsg,
                                      size_t errmsg_len);

typedef struct {
  double *x, *y;
  size_t  n;
} FlxGradientsCurve;

/* Scalars a scenario does not define are NaN. */
typedef struct {
  double strain_gradient;    /* 1/m */
  double polarization;       /* C/m^2 */
  double built_in_field;     /* V/m */
  double voltage;            /* V, across the layer */
  double surface_strain;     /* 1 (bending) */
  double interface_gradient; /* 1/m (misfit, at the interface) */
  double contact_radius;     /* m (indentation, cfr eq 9) */
  double d_eff;              /* m/V (indentation) */
  double equivalent_gradient;/* 1/m: gradient giving the same field through f (composition) */
  double current_density;    /* A/m^2 (photovoltaic) */
  FlxGradientsCurve profile;        /* depth (m), strain: bending, misfit */
  FlxGradientsCurve band_edge;      /* depth (m), eV: composition */
  FlxGradientsCurve d_eff_vs_force; /* N, m/V: indentation */
  FlxGradientsCurve d_eff_vs_radius;/* m, m/V: indentation */
  FlxGradientsCurve current_vs_gradient; /* 1/m, A/m^2: photovoltaic */
  FlxGradientsCurve polarization_vs_curvature; /* 1/m, C/m^2: bending */
  char note[512];            /* formula and the review's reference numbers, one line */
} FlxGradientsResult;

void      flx_gradients_result_clear (FlxGradientsResult *r);
/* out must be zeroed or cleared; left cleared on error.  FAST and FULL differ only in the
 * number of curve points (101 vs 401). */
FlxStatus flx_gradients_run (const FlxGradientsParams *p, FlxQuality quality,
                             FlxGradientsResult *out, FlxProgressFunc progress,
                             void *user_data, char *errmsg, size_t errmsg_len);

/* Converse flexoelectric PFM estimate d_eff = mu / (c a) (m/V). */
double    flx_gradients_converse_d (double mu, double stiffness, double contact_radius);

#ifdef __cplusplus
}
#endif
