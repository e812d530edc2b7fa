/* flx-model-cfr.c: registry table for colossal flexoresistance (seed 000).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "flx-models.h"

static const char *const materials[] = { "SrTiO3", "BaTiO3", "CaTiO3", "LaAlO3", NULL };

static const FlxParamSpec params[] = {
  { "material", "Material", "", NULL, FLX_PARAM_CHOICE, 0, 0, 3, materials, false,
    "Film material; sets permittivity, band gap and flexocoupling (data/materials)." },
  { "tip_radius", "Tip radius", "m", "nm", FLX_PARAM_NUMBER, 100e-9, 10e-9, 500e-9, NULL, true,
    "Radius of the spherical AFM tip (paper: 100, 165 and 215 nm)." },
  { "force", "Force", "N", "µN", FLX_PARAM_NUMBER, 15e-6, 0, 30e-6, NULL, false,
    "Load on the tip (paper: up to 25 µN)." },
  { "thickness", "Film thickness", "m", "nm", FLX_PARAM_NUMBER, 3.9e-9, 0.4e-9, 50e-9, NULL, false,
    "Film thickness (paper: 3.9 nm, 10 unit cells of SrTiO3)." },
  { "f_eff", "Flexocoupling", "V", NULL, FLX_PARAM_NUMBER, 25, 0, 200, NULL, false,
    "Effective flexocoupling coefficient (paper: 25 V for SrTiO3)." },
  { "eps_r", "Relative permittivity", "", NULL, FLX_PARAM_NUMBER, 20, 1, 1000, NULL, true,
    "Relative permittivity of the strained film (paper: 20 for SrTiO3)." },
  { "bandgap", "Band gap", "eV", NULL, FLX_PARAM_NUMBER, 3.2, 0.5, 10, NULL, false,
    "Band gap of the film (3.2 eV for SrTiO3)." },
  { "phi0", "Barrier height", "eV", NULL, FLX_PARAM_NUMBER, 1.4, 0.05, 5, NULL, false,
    "Schottky barrier height at zero polarization (paper: 1.4 eV)." },
  { "valence_band", "Valence band", "", NULL, FLX_PARAM_BOOLEAN, 1, 0, 1, NULL, false,
    "Cap the barrier at the band gap once the valence band reaches the Fermi level." },
  { "bias", "Bias", "V", NULL, FLX_PARAM_NUMBER, 0.1, -1, 1, NULL, false,
    "Tip bias for the I-V and the band diagram." },
};

static const FlxScalarSpec scalars[] = {
  { "contact_radius", "Contact radius", "m", "Tip contact radius a (eq 9)." },
  { "indentation_depth", "Indentation depth", "m", "h_ind (eq 9)." },
  { "peak_pressure", "Peak pressure", "Pa", "Pressure at the contact centre." },
  { "strain_gradient", "Strain gradient", "1/m", "Film-averaged d(u11+u22)/dx3 under the tip." },
  { "polarization", "Polarization", "C/m^2", "Flexoelectric polarization (eq 2)." },
  { "delta_phi", "Barrier change", "eV", "Change of barrier height e P t / (2 eps)." },
  { "resistance_ratio", "R/R0", "", "Low-bias tunnelling resistance ratio (eqs 4-8)." },
  { "threshold_polarization", "Threshold polarization", "C/m^2", "P_th (eq 3)." },
  { "threshold_gradient", "Threshold gradient", "1/m", "Strain gradient at which P = P_th." },
  { "threshold_force", "Threshold force", "N", "Force at which P reaches P_th for this tip." },
};

static const FlxSeriesSpec series[] = {
  { "resistance_vs_delta_phi", "R/R0 vs barrier change (Fig 1b)", "Barrier change", "eV", "R/R0", "" },
  { "resistance_vs_force", "R/R0 vs force", "Force", "N", "R/R0", "" },
  { "resistance_vs_gradient", "R/R0 vs strain gradient", "Strain gradient", "1/m", "R/R0", "" },
  { "iv", "Current vs bias", "Bias", "V", "Current", "A" },
  { "band_diagram", "Conduction band edge", "Depth", "m", "Energy", "eV" },
};

static const FlxFieldSpec fields[] = {
  { "strain_gradient_map", "Strain gradient", "1/m", "x1", "x3", true },
  { "polarization_map", "Polarization", "C/m^2", "x1", "x3", true },
};

const FlxModel flx_model_cfr = {
  "cfr", "Colossal flexoresistance",
  "AFM tip pressure bends the bands of a thin SrTiO3 film through flexoelectricity and "
  "changes its tunnelling resistance by orders of magnitude.",
  "Park et al., Colossal flexoresistance in dielectrics, Nat. Commun. (seed 000)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), fields, FLX_N_ELEMENTS (fields),
  NULL, /* solver lands with issue #4 */
};
