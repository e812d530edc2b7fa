/* flx-model-wo3.c: registry table for flexo-piezoelectricity at WO3 ferroelastic walls
 * (seed 002).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "flx-models.h"

static const FlxParamSpec params[] = {
  { "wall_width", N_("Wall width"), "m", "nm", FLX_PARAM_NUMBER, 20e-9, 1e-9, 200e-9, NULL, false,
    N_("Width of the tanh wall profile (paper: ~20-30 nm).") },
  { "strain_jump", N_("Strain jump"), "", NULL, FLX_PARAM_NUMBER, 0.015, 0, 0.1, NULL, false,
    N_("Change of eps_xx across the wall (paper: ~1.5%).") },
  { "d_eff", N_("Effective d"), "m/V", "pm/V", FLX_PARAM_NUMBER, 6e-12, 0, 100e-12, NULL, false,
    N_("Measured effective piezoelectric coefficient at the wall (paper: ~6 pm/V).") },
  { "compliance", N_("Compliance"), "m^2/N", NULL, FLX_PARAM_NUMBER, 4.1e-12, 1e-13, 1e-10, NULL, true,
    N_("Elastic compliance of WO3 (paper: 4.1e-12 m^2/N).") },
  { "chi", N_("Susceptibility"), "", NULL, FLX_PARAM_NUMBER, 5000, 1, 1e5, NULL, true,
    N_("Dielectric susceptibility (paper: 5000).") },
  { "flexovoltage", N_("Flexocoupling"), "V", NULL, FLX_PARAM_NUMBER, -1.5, -100, 100, NULL, false,
    N_("Flexocoupling coefficient f (paper: -1.5 V).") },
  { "thickness", N_("Film thickness"), "m", "nm", FLX_PARAM_NUMBER, 50e-9, 5e-9, 1e-6, NULL, true,
    N_("Film thickness for the quasi-Kittel domain period.") },
  { "noise", N_("PFM noise"), "", NULL, FLX_PARAM_NUMBER, 0.02, 0, 1, NULL, false,
    N_("Relative noise added to the simulated lateral PFM images.") },
  { "cantilever_angles", N_("Cantilever angles"), "", NULL, FLX_PARAM_NUMBER, 4, 3, 12, NULL, false,
    N_("Number of cantilever angles, evenly spaced from 45 degrees (paper: 4).") },
};

static const FlxScalarSpec scalars[] = {
  { "max_strain_gradient", N_("Maximum strain gradient"), "1/m", N_("At the wall centre.") },
  { "theta", N_("Flexopiezoelectric coefficient"), "V", N_("d_eff / (s g eps0 chi).") },
  { "flexo_coefficient", N_("Flexoelectric coefficient"), "C/m", N_("mu = chi eps0 f.") },
  { "polarization", N_("Wall polarization"), "C/m^2", N_("Flexoelectric polarization (eq 3).") },
  { "domain_period", N_("Domain period"), "m", N_("Quasi-Kittel wall period.") },
  { "pfm_angle_error", N_("PFM angle error"), "deg", N_("RMS error of the recovered polarization angle.") },
  { "shear_strain_max", N_("Maximum shear strain"), "", N_("Under the scanning tip (friction).") },
};

static const FlxSeriesSpec series[] = {
  { "strain_profile", N_("Strain across the wall"), N_("x"), "m", N_("eps_xx"), "" },
  { "gradient_profile", N_("Strain gradient across the wall"), N_("x"), "m", N_("Gradient"), "1/m" },
  { "pfm_vs_angle", N_("Lateral PFM vs cantilever angle"), N_("Angle"), "deg", N_("Signal"), "" },
};

static const FlxFieldSpec fields[] = {
  { "domain_pattern", N_("Herringbone domains"), "", "x", "y", true },
  { "shear_strain_map", N_("Shear strain"), "", "x", "z", true },
};

const FlxModel flx_model_wo3 = {
  "wo3", N_("WO3 domain walls"),
  N_("Wide ferroelastic walls in WO3 carry large strain gradients that make a "
  "centrosymmetric crystal piezoelectric."),
  "Yun et al., Flexopiezoelectricity at ferroelastic domain walls in WO3 films (seed 002)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), fields, FLX_N_ELEMENTS (fields),
  NULL, /* solver lands with issue #7 */
};
