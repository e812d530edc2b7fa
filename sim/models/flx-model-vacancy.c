/* flx-model-vacancy.c: registry table for tip-driven oxygen-vacancy drift-diffusion
 * (seed 001).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "flx-models.h"

static const char *const tips[] = { "spherical", N_("flat"), NULL };

static const FlxParamSpec params[] = {
  { "tip", N_("Tip shape"), "", NULL, FLX_PARAM_CHOICE, 0, 0, 1, tips, false,
    N_("Spherical (Hertz contact) or flat-ended punch.") },
  { "tip_radius", N_("Tip radius"), "m", "nm", FLX_PARAM_NUMBER, 25e-9, 5e-9, 1e-6, NULL, true,
    N_("Spherical tip radius (paper: 25 nm sharp tip, > 200 nm blunt).") },
  { "contact_radius", N_("Punch radius"), "m", "nm", FLX_PARAM_NUMBER, 15e-9, 1e-9, 500e-9, NULL, true,
    N_("Contact radius of the flat punch (paper Fig 4a: 15 nm).") },
  { "force", N_("Force"), "N", "µN", FLX_PARAM_NUMBER, 4e-6, 0, 20e-6, NULL, false,
    N_("Load on the tip (paper: 4 µN gives an 8 nm contact for R = 25 nm).") },
  { "bias", N_("Bias"), "V", NULL, FLX_PARAM_NUMBER, 0, -10, 10, NULL, false,
    N_("Tip bias relative to the grounded bottom electrode.") },
  { "time", N_("Time"), "s", NULL, FLX_PARAM_NUMBER, 1, 1e-3, 1e4, NULL, true,
    N_("Physical time the tip dwells (or scans).") },
  { "scan_speed", N_("Scan speed"), "m/s", "nm/s", FLX_PARAM_NUMBER, 0, 0, 10e-6, NULL, false,
    N_("Lateral scan speed along x; 0 keeps the tip static.") },
  { "thickness", N_("Film thickness"), "m", "nm", FLX_PARAM_NUMBER, 50e-9, 2e-9, 500e-9, NULL, false,
    N_("SrTiO3 film thickness.") },
  { "diffusivity", N_("Diffusivity"), "m^2/s", NULL, FLX_PARAM_NUMBER, 1.23e-19, 1e-24, 1e-12, NULL, true,
    N_("Vacancy diffusivity (paper simulation: 1.23e-15 cm^2/s).") },
  { "f_eff", N_("Flexocoupling"), "V", NULL, FLX_PARAM_NUMBER, 10, 0, 200, NULL, false,
    N_("Effective flexocoupling coefficient of SrTiO3.") },
};

static const FlxScalarSpec scalars[] = {
  { "max_depletion", N_("Maximum depletion"), "", N_("Most negative normalised vacancy change.") },
  { "max_enrichment", N_("Maximum enrichment"), "", N_("Most positive normalised vacancy change.") },
  { "lateral_fraction", N_("Lateral fraction"), "", N_("Fraction of removed vacancies that moved sideways.") },
  { "contact_radius_hertz", N_("Hertz contact radius"), "m", N_("Contact radius of the spherical tip.") },
  { "sigmoid_x0_voltage", N_("Sigmoid X0 (electrical)"), "V", N_("Boltzmann midpoint, electrical (Table 1).") },
  { "sigmoid_x0_force", N_("Sigmoid X0 (mechanical)"), "N", N_("Boltzmann midpoint, mechanical (Table 1).") },
  { "force_voltage_equivalence", N_("Force-voltage equivalence"), "V/N", N_("X0_el / X0_mech.") },
  { "onset_voltage", N_("Onset voltage"), "V", N_("Bias at 0.9 A1 of the electrical sigmoid.") },
  { "onset_force", N_("Onset force"), "N", N_("Force at 0.9 A1 of the mechanical sigmoid.") },
  { "mass_error", N_("Mass error"), "", N_("Relative change of the total number of vacancies.") },
};

static const FlxSeriesSpec series[] = {
  { "surface_nvc", N_("Surface NVC"), N_("x"), "m", N_("NVC"), "" },
  { "nvc_vs_force", N_("NVC vs force"), N_("Force"), "N", N_("NVC"), "" },
  { "nvc_vs_bias", N_("NVC vs bias"), N_("Bias"), "V", N_("NVC"), "" },
  { "sigmoid_electrical", N_("Boltzmann fit, electrical"), N_("Bias"), "V", N_("NVC"), "" },
  { "sigmoid_mechanical", N_("Boltzmann fit, mechanical"), N_("Force"), "N", N_("NVC"), "" },
  { "recovery", N_("Recovery S(t)"), N_("Time"), "s", N_("S"), "" },
};

static const FlxFieldSpec fields[] = {
  { "nvc_map", N_("Normalised vacancy change"), "", "x", "z", true },
};

const FlxModel flx_model_vacancy = {
  "vacancy", N_("Oxygen vacancies"),
  N_("A pressed or biased tip drains oxygen vacancies from under it (sharp tip) or sweeps "
  "them sideways (blunt tip) by flexoelectric drift."),
  "Kim et al., Controlled manipulation of oxygen vacancies using nanoscale "
  "flexoelectricity (seed 001)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), fields, FLX_N_ELEMENTS (fields),
  NULL, /* solver lands with issue #6 */
};
