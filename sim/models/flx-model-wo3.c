/* flx-model-wo3.c: registry table for flexo-piezoelectricity at WO3 ferroelastic walls
 * (seed 002).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "flx-models.h"

static const FlxParamSpec params[] = {
  { "wall_width", "Wall width", "m", "nm", FLX_PARAM_NUMBER, 20e-9, 1e-9, 200e-9, NULL, false,
    "Width of the tanh wall profile (paper: ~20-30 nm)." },
  { "strain_jump", "Strain jump", "", NULL, FLX_PARAM_NUMBER, 0.015, 0, 0.1, NULL, false,
    "Change of eps_xx across the wall (paper: ~1.5%)." },
  { "d_eff", "Effective d", "m/V", "pm/V", FLX_PARAM_NUMBER, 6e-12, 0, 100e-12, NULL, false,
    "Measured effective piezoelectric coefficient at the wall (paper: ~6 pm/V)." },
  { "compliance", "Compliance", "m^2/N", NULL, FLX_PARAM_NUMBER, 4.1e-12, 1e-13, 1e-10, NULL, true,
    "Elastic compliance of WO3 (paper: 4.1e-12 m^2/N)." },
  { "chi", "Susceptibility", "", NULL, FLX_PARAM_NUMBER, 5000, 1, 1e5, NULL, true,
    "Dielectric susceptibility (paper: 5000)." },
  { "flexovoltage", "Flexocoupling", "V", NULL, FLX_PARAM_NUMBER, -1.5, -100, 100, NULL, false,
    "Flexocoupling coefficient f (paper: -1.5 V)." },
  { "thickness", "Film thickness", "m", "nm", FLX_PARAM_NUMBER, 50e-9, 5e-9, 1e-6, NULL, true,
    "Film thickness for the quasi-Kittel domain period." },
  { "noise", "PFM noise", "", NULL, FLX_PARAM_NUMBER, 0.02, 0, 1, NULL, false,
    "Relative noise added to the simulated lateral PFM images." },
  { "cantilever_angles", "Cantilever angles", "", NULL, FLX_PARAM_NUMBER, 4, 3, 12, NULL, false,
    "Number of cantilever angles, evenly spaced from 45 degrees (paper: 4)." },
};

static const FlxScalarSpec scalars[] = {
  { "max_strain_gradient", "Maximum strain gradient", "1/m", "At the wall centre." },
  { "theta", "Flexopiezoelectric coefficient", "V", "d_eff / (s g eps0 chi)." },
  { "flexo_coefficient", "Flexoelectric coefficient", "C/m", "mu = chi eps0 f." },
  { "polarization", "Wall polarization", "C/m^2", "Flexoelectric polarization (eq 3)." },
  { "domain_period", "Domain period", "m", "Quasi-Kittel wall period." },
  { "pfm_angle_error", "PFM angle error", "deg", "RMS error of the recovered polarization angle." },
  { "shear_strain_max", "Maximum shear strain", "", "Under the scanning tip (friction)." },
};

static const FlxSeriesSpec series[] = {
  { "strain_profile", "Strain across the wall", "x", "m", "eps_xx", "" },
  { "gradient_profile", "Strain gradient across the wall", "x", "m", "Gradient", "1/m" },
  { "pfm_vs_angle", "Lateral PFM vs cantilever angle", "Angle", "deg", "Signal", "" },
};

static const FlxFieldSpec fields[] = {
  { "domain_pattern", "Herringbone domains", "", "x", "y", true },
  { "shear_strain_map", "Shear strain", "", "x", "z", true },
};

const FlxModel flx_model_wo3 = {
  "wo3", "WO3 domain walls",
  "Wide ferroelastic walls in WO3 carry large strain gradients that make a "
  "centrosymmetric crystal piezoelectric.",
  "Yun et al., Flexopiezoelectricity at ferroelastic domain walls in WO3 films (seed 002)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), fields, FLX_N_ELEMENTS (fields),
  NULL, /* solver lands with issue #7 */
};
