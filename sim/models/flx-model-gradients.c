/* flx-model-gradients.c: registry table for the gradient-engineering explorer (seed 003).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "flx-models.h"

static const char *const scenarios[] = {
  "bending", N_("misfit"), "indentation", "composition", "photovoltaic", NULL
};

static const FlxParamSpec params[] = {
  { "scenario", N_("Scenario"), "", NULL, FLX_PARAM_CHOICE, 0, 0, 4, scenarios, false,
    N_("Which gradient-engineering scenario to explore.") },
  { "thickness", N_("Thickness"), "m", "nm", FLX_PARAM_NUMBER, 20e-9, 1e-9, 10e-6, NULL, true,
    N_("Membrane or film thickness.") },
  { "curvature", N_("Curvature"), "1/m", NULL, FLX_PARAM_NUMBER, 1e5, 0, 1e8, NULL, false,
    N_("Bending curvature of the membrane.") },
  { "misfit_strain", N_("Misfit strain"), "", NULL, FLX_PARAM_NUMBER, 0.01, -0.05, 0.05, NULL, false,
    N_("Lattice misfit strain at the interface.") },
  { "relaxation_length", N_("Relaxation length"), "m", "nm", FLX_PARAM_NUMBER, 10e-9, 0.5e-9, 1e-6, NULL, true,
    N_("Thickness over which the misfit strain relaxes.") },
  { "contact_radius", N_("Contact radius"), "m", "nm", FLX_PARAM_NUMBER, 10e-9, 1e-9, 1e-6, NULL, true,
    N_("Tip contact radius for converse flexoelectric PFM.") },
  { "band_offset", N_("Band-edge change"), "eV", NULL, FLX_PARAM_NUMBER, 0.3, -3, 3, NULL, false,
    N_("Change of the band edge across the graded layer.") },
  { "f_eff", N_("Flexocoupling"), "V", NULL, FLX_PARAM_NUMBER, 10, -100, 100, NULL, false,
    N_("Effective flexocoupling coefficient.") },
  { "eps_r", N_("Relative permittivity"), "", NULL, FLX_PARAM_NUMBER, 300, 1, 1e5, NULL, true,
    N_("Relative permittivity of the material.") },
};

static const FlxScalarSpec scalars[] = {
  { "strain_gradient", N_("Strain gradient"), "1/m", N_("Gradient produced by the scenario.") },
  { "polarization", N_("Polarization"), "C/m^2", N_("Flexoelectric polarization.") },
  { "built_in_field", N_("Built-in field"), "V/m", N_("Field produced by the gradient.") },
};

static const FlxSeriesSpec series[] = {
  { "profile", N_("Profile through the thickness"), N_("Depth"), "m", N_("Strain"), "" },
};

const FlxModel flx_model_gradients = {
  "gradients", N_("Gradient engineering"),
  N_("Strain, field and chemical gradients in oxide heterostructures: what each one "
  "produces, with the review's reference numbers."),
  "Review: strain, field and chemical gradient engineering in oxide heterostructures "
  "(seed 003)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), NULL, 0,
  NULL, /* solver lands with issue #7 */
};
