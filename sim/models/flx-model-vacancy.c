/* flx-model-vacancy.c: registry table for tip-driven oxygen-vacancy drift-diffusion
 * (seed 001).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "flx-models.h"

static const char *const tips[] = { "spherical", "flat", NULL };

static const FlxParamSpec params[] = {
  { "tip", "Tip shape", "", NULL, FLX_PARAM_CHOICE, 0, 0, 1, tips, false,
    "Spherical (Hertz contact) or flat-ended punch." },
  { "tip_radius", "Tip radius", "m", "nm", FLX_PARAM_NUMBER, 25e-9, 5e-9, 1e-6, NULL, true,
    "Spherical tip radius (paper: 25 nm sharp tip, > 200 nm blunt)." },
  { "contact_radius", "Punch radius", "m", "nm", FLX_PARAM_NUMBER, 15e-9, 1e-9, 500e-9, NULL, true,
    "Contact radius of the flat punch (paper Fig 4a: 15 nm)." },
  { "force", "Force", "N", "µN", FLX_PARAM_NUMBER, 4e-6, 0, 20e-6, NULL, false,
    "Load on the tip (paper: 4 µN gives an 8 nm contact for R = 25 nm)." },
  { "bias", "Bias", "V", NULL, FLX_PARAM_NUMBER, 0, -10, 10, NULL, false,
    "Tip bias relative to the grounded bottom electrode." },
  { "time", "Time", "s", NULL, FLX_PARAM_NUMBER, 1, 1e-3, 1e4, NULL, true,
    "Physical time the tip dwells (or scans)." },
  { "scan_speed", "Scan speed", "m/s", "nm/s", FLX_PARAM_NUMBER, 0, 0, 10e-6, NULL, false,
    "Lateral scan speed along x; 0 keeps the tip static." },
  { "thickness", "Film thickness", "m", "nm", FLX_PARAM_NUMBER, 50e-9, 2e-9, 500e-9, NULL, false,
    "SrTiO3 film thickness." },
  { "diffusivity", "Diffusivity", "m^2/s", NULL, FLX_PARAM_NUMBER, 1.23e-19, 1e-24, 1e-12, NULL, true,
    "Vacancy diffusivity (paper simulation: 1.23e-15 cm^2/s)." },
  { "f_eff", "Flexocoupling", "V", NULL, FLX_PARAM_NUMBER, 10, 0, 200, NULL, false,
    "Effective flexocoupling coefficient of SrTiO3." },
};

static const FlxScalarSpec scalars[] = {
  { "max_depletion", "Maximum depletion", "", "Most negative normalised vacancy change." },
  { "max_enrichment", "Maximum enrichment", "", "Most positive normalised vacancy change." },
  { "lateral_fraction", "Lateral fraction", "", "Fraction of removed vacancies that moved sideways." },
  { "contact_radius_hertz", "Hertz contact radius", "m", "Contact radius of the spherical tip." },
  { "sigmoid_x0_voltage", "Sigmoid X0 (electrical)", "V", "Boltzmann midpoint, electrical (Table 1)." },
  { "sigmoid_x0_force", "Sigmoid X0 (mechanical)", "N", "Boltzmann midpoint, mechanical (Table 1)." },
  { "force_voltage_equivalence", "Force-voltage equivalence", "V/N", "X0_el / X0_mech." },
  { "onset_voltage", "Onset voltage", "V", "Bias at 0.9 A1 of the electrical sigmoid." },
  { "onset_force", "Onset force", "N", "Force at 0.9 A1 of the mechanical sigmoid." },
  { "mass_error", "Mass error", "", "Relative change of the total number of vacancies." },
};

static const FlxSeriesSpec series[] = {
  { "surface_nvc", "Surface NVC", "x", "m", "NVC", "" },
  { "nvc_vs_force", "NVC vs force", "Force", "N", "NVC", "" },
  { "nvc_vs_bias", "NVC vs bias", "Bias", "V", "NVC", "" },
  { "sigmoid_electrical", "Boltzmann fit, electrical", "Bias", "V", "NVC", "" },
  { "sigmoid_mechanical", "Boltzmann fit, mechanical", "Force", "N", "NVC", "" },
  { "recovery", "Recovery S(t)", "Time", "s", "S", "" },
};

static const FlxFieldSpec fields[] = {
  { "nvc_map", "Normalised vacancy change", "", "x", "z", true },
};

const FlxModel flx_model_vacancy = {
  "vacancy", "Oxygen vacancies",
  "A pressed or biased tip drains oxygen vacancies from under it (sharp tip) or sweeps "
  "them sideways (blunt tip) by flexoelectric drift.",
  "Kim et al., Controlled manipulation of oxygen vacancies using nanoscale "
  "flexoelectricity (seed 001)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), fields, FLX_N_ELEMENTS (fields),
  NULL, /* solver lands with issue #6 */
};
