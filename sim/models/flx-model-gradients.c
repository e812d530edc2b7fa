/* flx-model-gradients.c: registry table for the gradient-engineering explorer (seed 003).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "flx-models.h"

static const char *const scenarios[] = {
  "bending", "misfit", "indentation", "composition", "photovoltaic", NULL
};

static const FlxParamSpec params[] = {
  { "scenario", "Scenario", "", NULL, FLX_PARAM_CHOICE, 0, 0, 4, scenarios, false,
    "Which gradient-engineering scenario to explore." },
  { "thickness", "Thickness", "m", "nm", FLX_PARAM_NUMBER, 20e-9, 1e-9, 10e-6, NULL, true,
    "Membrane or film thickness." },
  { "curvature", "Curvature", "1/m", NULL, FLX_PARAM_NUMBER, 1e5, 0, 1e8, NULL, false,
    "Bending curvature of the membrane." },
  { "misfit_strain", "Misfit strain", "", NULL, FLX_PARAM_NUMBER, 0.01, -0.05, 0.05, NULL, false,
    "Lattice misfit strain at the interface." },
  { "relaxation_length", "Relaxation length", "m", "nm", FLX_PARAM_NUMBER, 10e-9, 0.5e-9, 1e-6, NULL, true,
    "Thickness over which the misfit strain relaxes." },
  { "contact_radius", "Contact radius", "m", "nm", FLX_PARAM_NUMBER, 10e-9, 1e-9, 1e-6, NULL, true,
    "Tip contact radius for converse flexoelectric PFM." },
  { "band_offset", "Band-edge change", "eV", NULL, FLX_PARAM_NUMBER, 0.3, -3, 3, NULL, false,
    "Change of the band edge across the graded layer." },
  { "f_eff", "Flexocoupling", "V", NULL, FLX_PARAM_NUMBER, 10, -100, 100, NULL, false,
    "Effective flexocoupling coefficient." },
  { "eps_r", "Relative permittivity", "", NULL, FLX_PARAM_NUMBER, 300, 1, 1e5, NULL, true,
    "Relative permittivity of the material." },
};

static const FlxScalarSpec scalars[] = {
  { "strain_gradient", "Strain gradient", "1/m", "Gradient produced by the scenario." },
  { "polarization", "Polarization", "C/m^2", "Flexoelectric polarization." },
  { "built_in_field", "Built-in field", "V/m", "Field produced by the gradient." },
};

static const FlxSeriesSpec series[] = {
  { "profile", "Profile through the thickness", "Depth", "m", "Strain", "" },
};

const FlxModel flx_model_gradients = {
  "gradients", "Gradient engineering",
  "Strain, field and chemical gradients in oxide heterostructures: what each one "
  "produces, with the review's reference numbers.",
  "Review: strain, field and chemical gradient engineering in oxide heterostructures "
  "(seed 003)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), NULL, 0,
  NULL, /* solver lands with issue #7 */
};
