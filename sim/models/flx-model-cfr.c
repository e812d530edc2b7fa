/* flx-model-cfr.c: registry table and run adaptor for colossal flexoresistance (seed 000).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The physics is in sim/flx-cfr.c; this file maps the table's values (SI, table order) to
 * FlxCfrParams and the typed result to the generic FlxResult.  The typed FlxCfrResult is
 * also handed to the page as result->extra (free_extra frees it), so the page can use the
 * map geometry and regime without parsing names.
 *
 * Material vs explicit parameters: the material choice supplies the elastic constants
 * (built-in table of flx-materials, identical to data/materials/materials.ini); eps_r,
 * bandgap and f_eff are explicit parameters and win.  The GUI copies them from the
 * material when the user picks one; the note warns when they differ from the material's.
 *
 * Maps: rows run up the film, x3 = -depth, from the SrRuO3 interface (y0 = -t) to the
 * surface (y1 = 0); x1 spans the sampled window around the tip.  [x0, x1] x [y0, y1] are
 * the first and last sample positions.  Values: d(u11 + u22)/d(depth), positive under a
 * pressing tip (the sign of the strain_gradient scalar); polarization > 0 points down.
 */
#include "flx-models.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../flx-cfr.h"
#include "../flx-materials.h"

static const char *const materials[] = { "SrTiO3", "BaTiO3", "CaTiO3", "LaAlO3", NULL };

static const FlxParamSpec params[] = {
  { "material", "Material", "", NULL, FLX_PARAM_CHOICE, 0, 0, 3, materials, false,
    "Film material; sets the elastic constants (data/materials).  eps_r, band gap and "
    "f_eff are separate parameters and win (the GUI copies them from the material)." },
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
    "Tip potential relative to the SrRuO3 electrode (band diagram, I-V marker, eq 9 e33 term)." },
};

enum { P_MATERIAL, P_TIP, P_FORCE, P_THICK, P_FEFF, P_EPS, P_GAP, P_PHI0, P_VB, P_BIAS };

static const FlxScalarSpec scalars[] = {
  { "contact_radius", "Contact radius", "m", "Tip contact radius a (eq 9)." },
  { "indentation_depth", "Indentation depth", "m", "h_ind (eq 9)." },
  { "peak_pressure", "Peak pressure", "Pa", "Pressure at the contact centre." },
  { "strain_gradient", "Strain gradient", "1/m",
    "Film-averaged d(u11+u22)/d(depth) on the axis, closed form; > 0 under load." },
  { "polarization", "Polarization", "C/m^2", "Flexoelectric polarization (eq 2), > 0 down." },
  { "delta_phi", "Barrier change", "eV", "Change of barrier height e P t / (2 eps)." },
  { "resistance_ratio", "R/R0", "", "Low-bias tunnelling resistance ratio (eqs 4-8)." },
  { "threshold_polarization", "Threshold polarization", "C/m^2", "P_th (eq 3)." },
  { "threshold_gradient", "Threshold gradient", "1/m", "Strain gradient at which P = P_th." },
  { "threshold_force", "Threshold force", "N",
    "Force at which P reaches P_th for this tip (unset if above 1 mN)." },
  { "strain_gradient_grid", "Strain gradient (3D grid)", "1/m",
    "The same film average from the spectral 3D solution (discretisation check)." },
  { "barrier_tip", "Barrier at the tip", "eV", "phi0 + delta_phi, tip-side interface." },
  { "barrier_bottom", "Barrier at SrRuO3", "eV", "phi0 - delta_phi, bottom interface." },
  { "measured_resistance", "Measured resistance", "ohm",
    "Low-bias resistance with SrRuO3 (70.4 kOhm) and the detection limit." },
  { "resistivity", "Effective resistivity", "ohm*m",
    "Eq 14 on the measured resistance (calibrated: 1e7 ohm m unloaded)." },
};

static const FlxSeriesSpec series[] = {
  { "resistance_vs_delta_phi", "R/R0 vs barrier change (Fig 1b)", "Barrier change", "eV", "R/R0", "", true },
  { "resistance_vs_force", "R/R0 vs force", "Force", "N", "R/R0", "", true },
  { "resistance_vs_gradient", "R/R0 vs strain gradient", "Strain gradient", "1/m", "R/R0", "", true },
  { "iv", "Current vs bias", "Bias", "V", "Current", "A" },
  { "band_diagram", "Conduction band edge", "Depth", "m", "Energy", "eV" },
  { "resistance_vs_delta_phi_no_vb", "R/R0 vs barrier change, no valence band (Fig 1b dashed)",
    "Barrier change", "eV", "R/R0", "", true },
  { "resistivity_vs_force", "Resistivity vs force (this tip)", "Force", "N",
    "Resistivity", "ohm*m", true },
  { "resistivity_vs_force_100nm", "Resistivity vs force, 100 nm tip (Fig 3b)", "Force", "N",
    "Resistivity", "ohm*m", true },
  { "resistivity_vs_force_165nm", "Resistivity vs force, 165 nm tip (Fig 3b)", "Force", "N",
    "Resistivity", "ohm*m", true },
  { "resistivity_vs_force_215nm", "Resistivity vs force, 215 nm tip (Fig 3b)", "Force", "N",
    "Resistivity", "ohm*m", true },
  { "resistivity_vs_gradient_100nm", "Resistivity vs gradient, 100 nm tip (Fig 3c)",
    "Strain gradient", "1/m", "Resistivity", "ohm*m", true },
  { "resistivity_vs_gradient_165nm", "Resistivity vs gradient, 165 nm tip (Fig 3c)",
    "Strain gradient", "1/m", "Resistivity", "ohm*m", true },
  { "resistivity_vs_gradient_215nm", "Resistivity vs gradient, 215 nm tip (Fig 3c)",
    "Strain gradient", "1/m", "Resistivity", "ohm*m", true },
  { "iv_measured", "Measured current vs bias (compliance, noise; Fig 3a)", "Bias", "V",
    "Current", "A" },
  { "band_valence", "Valence band edge", "Depth", "m", "Energy", "eV" },
  { "band_barrier", "Effective tunnel barrier (Fig 1a)", "Depth", "m", "Energy", "eV" },
  { "fermi_level_tip", "Tip Fermi level", "Depth", "m", "Energy", "eV" },
  { "fermi_level_bottom", "SrRuO3 Fermi level", "Depth", "m", "Energy", "eV" },
};

static const FlxFieldSpec fields[] = {
  { "strain_gradient_map", "Strain gradient", "1/m", "x1", "x3", true },
  { "polarization_map", "Polarization", "C/m^2", "x1", "x3", true },
  { "transverse_strain_map", "Transverse strain u11 (Fig 2b)", "", "x1", "x3", true },
};

static void
free_typed (void *extra)
{
  flx_cfr_result_clear (extra);
  free (extra);
}

static FlxStatus
set_curve (FlxResult *out, const char *name, const FlxCfrCurve *c)
{
  return flx_result_set_series (out, name, c->x, c->y, c->n);
}

static FlxStatus
set_map (FlxResult *out, const char *name, const FlxCfrResult *r, const double *src,
         double t)
{
  double x0 = r->map_x0, x1 = r->map_x0 + (double) (r->map_nx - 1) * r->map_dx;
  double *d = flx_result_alloc_field (out, name, r->map_nx, r->map_nz, x0, x1, -t, 0.0);
  if (d == NULL)
    return FLX_E_NOMEM;
  /* Row j of the field is at x3 = -t + j dz, i.e. depth level nz - 1 - j. */
  for (size_t j = 0; j < r->map_nz; j++)
    memcpy (d + j * r->map_nx, src + (r->map_nz - 1 - j) * r->map_nx,
            r->map_nx * sizeof (double));
  return FLX_OK;
}

/* Where the chain stops being trustworthy (issue 9), first failing assumption wins:
 * - Hertz/Boussinesq are linear elasticity: the vertical strain at the contact centre,
 *   u33 = -p0 (1 - nu (1 + 2 nu)) / E (Johnson 1985, sec 3.9), above 3 %;
 * - WKB (eqs 4-8) needs a barrier wider than ~1 nm, a few lattice constants and the
 *   de Broglie wavelength of a 1 eV electron (1.2 nm); the width is t in the trapezoid
 *   regime and d of eqs 7-8 in the triangle;
 * - eq 2 is linear: SrTiO3's Landau quartic term 4 a11 P^3 (a11 = 1.70e9 J m^5 C^-4,
 *   Pertsev et al., PRB 61, R825 (2000)) above 10 % of the linear field P / (eps0 eps_r). */
static void
cfr_warning (const FlxCfrParams *p, const FlxCfrResult *r, char *buf, size_t len)
{
  double E = flx_elastic_material_young (&r->material);
  double nu = flx_elastic_material_poisson (&r->material);
  double u33 = r->peak_pressure * (1 - nu * (1 + 2 * nu)) / E;
  double dphi = fabs (r->delta_phi), width = p->thickness;
  if (dphi >= p->phi0 && dphi > 0)
    width = p->thickness * (r->regime == FLX_CFR_VALENCE ? p->bandgap : p->phi0 + dphi)
            / (2 * dphi);
  double nonlinear = 4 * 1.70e9 * r->polarization * r->polarization * 8.8541878128e-12
                     * p->eps_r;

  if (u33 > 0.03)
    snprintf (buf, len, "Strain %.2g %% under the tip is beyond linear elasticity (a few "
              "percent): eq 9's contact and the gradient are extrapolated.",
              100 * u33);
  else if (width < 1e-9)
    snprintf (buf, len, "Tunnel barrier %.2g nm wide: WKB (eqs 4-8) needs more than ~1 nm, "
              "so the resistance is only indicative.", width * 1e9);
  else if (nonlinear > 0.1)
    snprintf (buf, len, "P = %.2g C/m^2 is beyond the linear flexoelectric regime (the "
              "P^3 term of SrTiO3 adds %.0f %%): P and the barrier change are overestimated.",
              fabs (r->polarization), 100 * nonlinear);
}

static FlxStatus
cfr_run (const double *values, FlxQuality quality, FlxResult *out, FlxProgressFunc progress,
         void *user_data, char *errmsg, size_t errmsg_len)
{
  FlxCfrParams p;
  flx_cfr_params_init (&p);
  const FlxMaterial *mat = flx_materials_current ((size_t) values[P_MATERIAL]);
  if (mat == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM, "unknown material");
  p.c11 = mat->c11;
  p.c12 = mat->c12;
  p.c44 = mat->c44;
  p.c33 = mat->c33;
  p.tip_radius = values[P_TIP];
  p.force = values[P_FORCE];
  p.thickness = values[P_THICK];
  p.f_eff = values[P_FEFF];
  p.eps_r = values[P_EPS];
  p.bandgap = values[P_GAP];
  p.phi0 = values[P_PHI0];
  p.valence_band = values[P_VB] != 0.0;
  p.bias = values[P_BIAS];

  FlxCfrResult *r = calloc (1, sizeof *r);
  if (r == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
  FlxStatus st = flx_cfr_run (&p, quality, r, progress, user_data, errmsg, errmsg_len);
  if (st != FLX_OK)
    {
      free_typed (r);
      return st;
    }

  flx_result_set_scalar (out, "contact_radius", r->contact_radius);
  flx_result_set_scalar (out, "indentation_depth", r->indentation_depth);
  flx_result_set_scalar (out, "peak_pressure", r->peak_pressure);
  flx_result_set_scalar (out, "strain_gradient", r->strain_gradient);
  flx_result_set_scalar (out, "polarization", r->polarization);
  flx_result_set_scalar (out, "delta_phi", r->delta_phi);
  flx_result_set_scalar (out, "resistance_ratio", r->resistance_ratio);
  flx_result_set_scalar (out, "threshold_polarization", r->threshold_polarization);
  if (isfinite (r->threshold_gradient))
    flx_result_set_scalar (out, "threshold_gradient", r->threshold_gradient);
  if (r->threshold_force_found)
    flx_result_set_scalar (out, "threshold_force", r->threshold_force);
  if (r->contact_radius > 0.0)
    flx_result_set_scalar (out, "strain_gradient_grid", r->strain_gradient_grid);
  flx_result_set_scalar (out, "barrier_tip", r->barrier_tip);
  flx_result_set_scalar (out, "barrier_bottom", r->barrier_bottom);
  if (isfinite (r->resistance_measured))
    flx_result_set_scalar (out, "measured_resistance", r->resistance_measured);
  if (isfinite (r->resistivity))
    flx_result_set_scalar (out, "resistivity", r->resistivity);

  static const char *const tip_force[FLX_CFR_N_TIPS] = {
    "resistivity_vs_force_100nm", "resistivity_vs_force_165nm", "resistivity_vs_force_215nm" };
  static const char *const tip_grad[FLX_CFR_N_TIPS] = {
    "resistivity_vs_gradient_100nm", "resistivity_vs_gradient_165nm",
    "resistivity_vs_gradient_215nm" };
  const double t = p.thickness;
  if ((st = set_curve (out, "resistance_vs_delta_phi", &r->r_vs_delta_phi))
      || (st = set_curve (out, "resistance_vs_delta_phi_no_vb", &r->r_vs_delta_phi_novb))
      || (st = set_curve (out, "resistance_vs_force", &r->r_vs_force))
      || (st = set_curve (out, "resistance_vs_gradient", &r->r_vs_gradient))
      || (st = set_curve (out, "resistivity_vs_force", &r->rho_vs_force))
      || (st = set_curve (out, "iv", &r->iv))
      || (st = set_curve (out, "iv_measured", &r->iv_measured))
      || (st = set_curve (out, "band_diagram", &r->band_conduction))
      || (st = set_curve (out, "band_valence", &r->band_valence))
      || (st = set_curve (out, "band_barrier", &r->band_barrier))
      || (st = set_curve (out, "fermi_level_tip", &r->fermi_tip))
      || (st = set_curve (out, "fermi_level_bottom", &r->fermi_bottom))
      || (st = set_map (out, "strain_gradient_map", r, r->gradient_map, t))
      || (st = set_map (out, "polarization_map", r, r->polarization_map, t))
      || (st = set_map (out, "transverse_strain_map", r, r->u11_map, t)))
    goto fail;
  for (int k = 0; k < FLX_CFR_N_TIPS; k++)
    if ((st = set_curve (out, tip_force[k], &r->tip_rho_vs_force[k]))
        || (st = set_curve (out, tip_grad[k], &r->tip_rho_vs_gradient[k])))
      goto fail;

  /* One line that says why the resistance does what it does. */
  const char *why;
  if (r->polarization >= r->threshold_polarization && r->regime == FLX_CFR_VALENCE)
    why = "P exceeds P_th: the valence band crosses the Fermi level and the barrier "
          "thins at fixed height (the band gap)";
  else if (r->polarization >= r->threshold_polarization)
    why = "P exceeds P_th (eq 3); the tunnel barrier is triangular";
  else if (r->regime == FLX_CFR_VALENCE)
    why = "the valence band reaches the Fermi level: the barrier is capped at the band gap";
  else if (r->regime == FLX_CFR_TRIANGLE)
    why = "P below P_th: the conduction band dips below the Fermi level at SrRuO3, "
          "triangular barrier";
  else
    why = "P below P_th: tunnelling through a trapezoidal barrier";
  int n = snprintf (out->note, sizeof out->note, "P = %.3g C/m^2 (P_th = %.3g): %s.",
                    r->polarization, r->threshold_polarization, why);
  if (n > 0 && (size_t) n < sizeof out->note
      && (fabs (p.bandgap - mat->bandgap) > 1e-9 || fabs (p.f_eff - mat->f_eff) > 1e-9
          || fabs (p.eps_r - mat->eps_r) > 1e-9))
    snprintf (out->note + n, sizeof out->note - (size_t) n,
              " Note: band gap, f_eff or eps_r differ from %s's table values (%.3g eV, "
              "%.3g V, %.3g); the parameters win.", mat->name, mat->bandgap, mat->f_eff,
              mat->eps_r);

  cfr_warning (&p, r, out->warning, sizeof out->warning);
  out->extra = r;
  out->free_extra = free_typed;
  return FLX_OK;

fail:
  free_typed (r);
  return flx_set_error (errmsg, errmsg_len, st, "out of memory storing the cfr result");
}

/* Picking a material presets its permittivity, band gap and flexocoupling (the elastic
 * constants always come from the material inside cfr_run). */
static void
cfr_preset (int changed, double *values)
{
  const FlxMaterial *m;

  if (changed != P_MATERIAL)
    return;
  m = flx_materials_current ((size_t) values[P_MATERIAL]);
  if (m == NULL)
    return;
  values[P_EPS] = m->eps_r;
  values[P_GAP] = m->bandgap;
  values[P_FEFF] = m->f_eff;
}

const FlxModel flx_model_cfr = {
  "cfr", "Colossal flexoresistance",
  "AFM tip pressure bends the bands of a thin SrTiO3 film through flexoelectricity and "
  "changes its tunnelling resistance by orders of magnitude.",
  "Park et al., Colossal flexoresistance in dielectrics, Nat. Commun. (seed 000)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), fields, FLX_N_ELEMENTS (fields),
  cfr_run,
  cfr_preset,
};
